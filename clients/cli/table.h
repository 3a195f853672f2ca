// clients/cli/table.h
//
// A plain-text table with aligned columns, for listing resources:
//
//   Table table({"NAME", "TITLE", "STATE"});
//   table.AddRow({"solutions/abc", "Jobb Först", "PUBLISHED"});
//   table.Print(std::cout);
//
//   NAME           TITLE       STATE
//   solutions/abc  Jobb Först  PUBLISHED
//
// Widths count code points, so non-ASCII text lines up; cells longer than the
// column limit are truncated with "…", except in the first column, which holds
// the resource name that users copy into the next command. Not thread-safe.
#ifndef COREMATCH_CLIENTS_CLI_TABLE_H_
#define COREMATCH_CLIENTS_CLI_TABLE_H_

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace corematch::cli {

class Table final {
 public:
  // `headers` fixes the number of columns; no cell but those of the first
  // column is wider than `max_cell_width` code points.
  explicit Table(std::vector<std::string> headers, size_t max_cell_width = 48);

  // Adds a row; missing cells are empty, surplus cells are dropped. Line
  // breaks and tabs in cells become spaces.
  void AddRow(std::vector<std::string> cells);

  size_t row_count() const { return rows_.size(); }

  // Prints the header and the rows, columns separated by two spaces, no
  // trailing white space.
  void Print(std::ostream& out) const;

 private:
  std::vector<std::string> CleanCells(std::vector<std::string> cells) const;
  void PrintRow(const std::vector<std::string>& cells, const std::vector<size_t>& widths,
                std::ostream& out) const;

  const size_t max_cell_width_;
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_TABLE_H_
