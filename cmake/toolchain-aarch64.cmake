# trueno — cross-compiling for aarch64 Linux with Debian's g++-aarch64-linux-gnu, running under qemu-aarch64.
# Used by `make test-aarch64`: cmake -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-aarch64.cmake ...
# GoogleTest and RapidCheck for arm64 come from Debian's multiarch packages (libgtest-dev:arm64,
# librapidcheck-dev:arm64), whose CMake packages live in /usr/lib/aarch64-linux-gnu/cmake.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

# Target headers and libraries from the cross sysroot and from the arm64 multiarch directories; the host's
# programs (python3, ninja) stay usable.
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
list(APPEND CMAKE_PREFIX_PATH /usr/lib/aarch64-linux-gnu/cmake)

# ctest and gtest_discover_tests run the test programs through user-mode QEMU; the dynamic loader and libraries
# come from the cross toolchain's sysroot.
find_program(TRUENO_QEMU_AARCH64 qemu-aarch64 REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR "${TRUENO_QEMU_AARCH64};-L;/usr/aarch64-linux-gnu")
