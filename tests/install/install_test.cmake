# Script mode (cmake -P). Fails with a message at the first step that does not work.
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "step failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(RUN_OUTPUT "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
# For a BUILD_SHARED_LIBS build the consumers load the installed .so.
set(ENV{LD_LIBRARY_PATH} "${prefix}/lib:${prefix}/lib64:$ENV{LD_LIBRARY_PATH}")

# 1. Install the library, headers, CMake package and pkg-config file.
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix} --component Unspecified)

# 2. find_package(glasstls) from the install tree.
run(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/cmake-build -G ${GENERATOR}
    -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_BUILD_TYPE=Release)
run(${CMAKE_COMMAND} --build ${WORK_DIR}/cmake-build)
run(${WORK_DIR}/cmake-build/consumer)
string(FIND "${RUN_OUTPUT}" "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" found)
if(found EQUAL -1)
  message(FATAL_ERROR "consumer (find_package) printed the wrong digest: ${RUN_OUTPUT}")
endif()
message(STATUS "find_package consumer: ${RUN_OUTPUT}")

# 3. The same source through pkg-config.
if(NOT PKG_CONFIG)
  message(FATAL_ERROR "pkg-config not found")
endif()
file(GLOB_RECURSE pc_files ${prefix}/glasstls.pc)
list(GET pc_files 0 pc_file)
get_filename_component(pc_dir ${pc_file} DIRECTORY)
set(ENV{PKG_CONFIG_PATH} ${pc_dir})
run(${PKG_CONFIG} --cflags --libs glasstls)
string(STRIP "${RUN_OUTPUT}" flags)
separate_arguments(flags UNIX_COMMAND "${flags}")
run(${CXX} ${SOURCE_DIR}/consumer.cpp ${flags} -o ${WORK_DIR}/consumer-pc)
run(${WORK_DIR}/consumer-pc)
string(FIND "${RUN_OUTPUT}" "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" found)
if(found EQUAL -1)
  message(FATAL_ERROR "consumer (pkg-config) printed the wrong digest: ${RUN_OUTPUT}")
endif()
message(STATUS "pkg-config consumer: ${RUN_OUTPUT}")
