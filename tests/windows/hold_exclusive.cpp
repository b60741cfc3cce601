// Test helper for the Windows build: holds a file open with share mode 0, the way a running Firefox
// holds `parent.lock` and a running Chromium its `lockfile`, until its standard input closes.
// Prints "held" once the file is open, so the test knows when to go on.
// Usage: hold_exclusive.exe FILE
#include <windows.h>

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fputs("usage: hold_exclusive FILE\n", stderr);
    return 2;
  }
  HANDLE file = CreateFileA(argv[1], GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (file == INVALID_HANDLE_VALUE) {
    std::fprintf(stderr, "hold_exclusive: cannot open %s: error %lu\n", argv[1], GetLastError());
    return 1;
  }
  std::puts("held");
  std::fflush(stdout);
  while (std::getchar() != EOF) {
  }
  CloseHandle(file);
  return 0;
}
