# Configures, builds and runs one trueno consumer (ctest script mode).
#   cmake -DMODE=find_package|fetchcontent|add_subdirectory -DTRUENO_SOURCE_DIR=... -DTRUENO_BINARY_DIR=...
#         -DTRUENO_VERSION=... -DWORK_DIR=... -DGENERATOR=... [-DMAKE_PROGRAM=...] [-DCXX_COMPILER=...]
#         -P run_consumer.cmake
cmake_minimum_required(VERSION 3.21)

foreach(_var MODE TRUENO_SOURCE_DIR TRUENO_BINARY_DIR TRUENO_VERSION WORK_DIR GENERATOR)
  if(NOT DEFINED ${_var} OR "${${_var}}" STREQUAL "")
    message(FATAL_ERROR "run_consumer.cmake: ${_var} is not set")
  endif()
endforeach()

# Runs a command, echoing it, and fails the test with its output when it fails.
function(run_step what)
  string(REPLACE ";" " " _shown "${ARGN}")
  message(STATUS "[${MODE}] ${what}: ${_shown}")
  execute_process(COMMAND ${ARGN}
    RESULT_VARIABLE _rc
    OUTPUT_VARIABLE _out
    ERROR_VARIABLE _out)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "[${MODE}] ${what} failed (${_rc}):\n${_out}")
  endif()
  message("${_out}")
  set(STEP_OUTPUT "${_out}" PARENT_SCOPE)
endfunction()

# Start clean: a stale prefix could hide a header that is no longer installed.
file(REMOVE_RECURSE "${WORK_DIR}")
set(_consumer_dir "${WORK_DIR}/consumer")
set(_build_dir "${WORK_DIR}/build")
set(_prefix "${WORK_DIR}/prefix")
file(MAKE_DIRECTORY "${_consumer_dir}")

set(TRUENO_CONSUMER_MODE "${MODE}")
configure_file("${TRUENO_SOURCE_DIR}/CMakeLists.txt.in" "${_consumer_dir}/CMakeLists.txt" @ONLY)
configure_file("${TRUENO_SOURCE_DIR}/tests/package/main.cpp" "${_consumer_dir}/main.cpp" COPYONLY)

set(_configure_args -S "${_consumer_dir}" -B "${_build_dir}" -G "${GENERATOR}" -DCMAKE_BUILD_TYPE=Release)
if(MAKE_PROGRAM)
  list(APPEND _configure_args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
if(CXX_COMPILER)
  list(APPEND _configure_args "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
endif()

if(MODE STREQUAL "find_package")
  run_step("install" "${CMAKE_COMMAND}" --install "${TRUENO_BINARY_DIR}" --prefix "${_prefix}")
  foreach(_file include/trueno/trueno.hpp share/trueno/truenoConfig.cmake share/trueno/truenoConfigVersion.cmake
                share/trueno/truenoTargets.cmake)
    if(NOT EXISTS "${_prefix}/${_file}")
      message(FATAL_ERROR "[${MODE}] install did not produce ${_prefix}/${_file}")
    endif()
  endforeach()
  # Only the prefix: the consumer must not see the source tree.
  list(APPEND _configure_args "-DCMAKE_PREFIX_PATH=${_prefix}" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
elseif(NOT MODE MATCHES "^(fetchcontent|add_subdirectory)$")
  message(FATAL_ERROR "run_consumer.cmake: unknown MODE '${MODE}'")
endif()

run_step("configure" "${CMAKE_COMMAND}" ${_configure_args})
run_step("build" "${CMAKE_COMMAND}" --build "${_build_dir}")
run_step("run" "${_build_dir}/consumer")
if(NOT STEP_OUTPUT MATCHES "sum = 6, backend = [a-z0-9]+")
  message(FATAL_ERROR "[${MODE}] unexpected output from the consumer:\n${STEP_OUTPUT}")
endif()
message(STATUS "[${MODE}] ok")
