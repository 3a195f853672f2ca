// clients/cli/table.cc
#include "clients/cli/table.h"

#include <algorithm>
#include <cstddef>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "clients/cli/text.h"

namespace corematch::cli {

Table::Table(std::vector<std::string> headers, size_t max_cell_width)
    : max_cell_width_(max_cell_width), headers_(std::move(headers)) {}

std::vector<std::string> Table::CleanCells(std::vector<std::string> cells) const {
  cells.resize(headers_.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    cells[i] = CollapseWhitespace(cells[i]);
    if (i > 0) cells[i] = TruncateCodePoints(cells[i], max_cell_width_);
  }
  return cells;
}

void Table::AddRow(std::vector<std::string> cells) {
  rows_.push_back(CleanCells(std::move(cells)));
}

void Table::PrintRow(const std::vector<std::string>& cells, const std::vector<size_t>& widths,
                     std::ostream& out) const {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    line += cells[i];
    if (i + 1 < cells.size()) line.append(widths[i] - CodePointCount(cells[i]) + 2, ' ');
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  out << line << "\n";
}

void Table::Print(std::ostream& out) const {
  std::vector<size_t> widths(headers_.size(), 0);
  for (size_t i = 0; i < headers_.size(); ++i) widths[i] = CodePointCount(headers_[i]);
  for (const auto& row : rows_) {
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], CodePointCount(row[i]));
  }
  PrintRow(headers_, widths, out);
  for (const auto& row : rows_) PrintRow(row, widths, out);
}

}  // namespace corematch::cli
