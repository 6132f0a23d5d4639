# vcpkg overlay port for trueno (header-only).
#
# Where the source comes from, first match wins:
#   1. ENV{VCPKG_TRUENO_SOURCE} = a directory: that checkout as it is on disk (uncommitted work included).
#      Any other non-empty value (e.g. 1): the checkout this overlay lives in (ports/trueno/../..).
#   2. Otherwise vcpkg_from_git: ENV{VCPKG_TRUENO_GIT_URL} (default: the checkout this overlay lives in) at
#      ENV{VCPKG_TRUENO_REF} (default: that checkout's HEAD commit).
#   vcpkg install trueno --overlay-ports=<checkout>/ports
set(VCPKG_BUILD_TYPE release)  # header-only: no debug variant

get_filename_component(_trueno_checkout "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)

if(NOT "$ENV{VCPKG_TRUENO_SOURCE}" STREQUAL "")
  if(IS_DIRECTORY "$ENV{VCPKG_TRUENO_SOURCE}")
    get_filename_component(SOURCE_PATH "$ENV{VCPKG_TRUENO_SOURCE}" ABSOLUTE)
  else()
    set(SOURCE_PATH "${_trueno_checkout}")
  endif()
  if(NOT EXISTS "${SOURCE_PATH}/include/trueno/trueno.hpp")
    message(FATAL_ERROR "trueno: ${SOURCE_PATH} is not a trueno checkout (VCPKG_TRUENO_SOURCE)")
  endif()
  message(STATUS "trueno: using the source tree ${SOURCE_PATH}")
else()
  set(_trueno_url "$ENV{VCPKG_TRUENO_GIT_URL}")
  if(_trueno_url STREQUAL "")
    set(_trueno_url "${_trueno_checkout}")
  endif()
  set(_trueno_ref "$ENV{VCPKG_TRUENO_REF}")
  if(_trueno_ref STREQUAL "")
    find_program(GIT NAMES git REQUIRED)
    execute_process(COMMAND "${GIT}" -C "${_trueno_checkout}" rev-parse HEAD
      OUTPUT_VARIABLE _trueno_ref OUTPUT_STRIP_TRAILING_WHITESPACE
      RESULT_VARIABLE _trueno_git_rc)
    if(NOT _trueno_git_rc EQUAL 0)
      message(FATAL_ERROR "trueno: ${_trueno_checkout} has no commit to build; set VCPKG_TRUENO_REF or "
                          "VCPKG_TRUENO_SOURCE")
    endif()
  endif()
  vcpkg_from_git(
    OUT_SOURCE_PATH SOURCE_PATH
    URL "${_trueno_url}"
    REF "${_trueno_ref}"
  )
endif()

vcpkg_cmake_configure(
  SOURCE_PATH "${SOURCE_PATH}"
  OPTIONS
    -DTRUENO_BUILD_TESTS=OFF
    -DTRUENO_BUILD_BENCHMARKS=OFF
    -DTRUENO_BUILD_EXAMPLES=OFF
    -DTRUENO_WERROR=OFF
    -DTRUENO_INSTALL=ON
)
vcpkg_cmake_install()
# trueno installs its package files to share/trueno (arch-independent), which is where vcpkg wants them.
vcpkg_cmake_config_fixup(PACKAGE_NAME trueno CONFIG_PATH share/trueno)

file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/debug" "${CURRENT_PACKAGES_DIR}/lib")

file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
if(EXISTS "${SOURCE_PATH}/LICENSE")
  vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
else()
  vcpkg_install_copyright(FILE_LIST "${CMAKE_CURRENT_LIST_DIR}/copyright")
endif()
