// clients/cli/main.cc
//
// The `corematch` command-line client; see cli.h.
#include <iostream>

#include "clients/cli/cli.h"

int main(int argc, char** argv) { return corematch::cli::RunCli(argc, argv, std::cout, std::cerr); }
