# ctest packaging_installed_example: install the build into a fresh prefix, run an
# installed tool from it (RUNPATH $ORIGIN/../lib), then configure, build and run
# examples/installed against that prefix only (find_package(Strata) -> Strata::Core).
#   cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -DGENERATOR=... -DCONFIG=...
#         [-DEXAMPLE_CXX_FLAGS=...] [-DEXAMPLE_LINKER_FLAGS=...] -P ...
# The EXAMPLE_* flags are the build's own (tests.cmake): a library built with
# -fsanitize=address needs a program built with it too.

function(step)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    message(STATUS "$ ${ARGN}\n${out}")
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "failed (${rc})")
    endif()
    set(STEP_OUTPUT "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
set(install_args)
if(CONFIG)
    set(install_args --config ${CONFIG})
endif()
step(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix} ${install_args})
step(${prefix}/bin/strata-migrate --version)
if(NOT STEP_OUTPUT MATCHES "^Strata [0-9]")
    message(FATAL_ERROR "the installed strata-migrate printed no version")
endif()
# The example must not see the build tree: only the prefix (and the system's Qt).
step(${CMAKE_COMMAND} -S ${SOURCE_DIR}/examples/installed -B ${WORK_DIR}/build -G ${GENERATOR}
     -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${prefix}
     "-DCMAKE_CXX_FLAGS=${EXAMPLE_CXX_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${EXAMPLE_LINKER_FLAGS}")
step(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
find_program(example upgrade-notes PATHS ${WORK_DIR}/build ${WORK_DIR}/build/Release NO_DEFAULT_PATH REQUIRED)
step(${example} ${SOURCE_DIR}/examples/installed/migrations ${WORK_DIR}/notes.db)
if(NOT STEP_OUTPUT MATCHES "applied 3f1a9c0d2b71.*applied 8b27e4d05c9e.*database at 8b27e4d05c9e.*notes: 1 rows")
    message(FATAL_ERROR "the first run did not apply both revisions")
endif()
step(${example} ${SOURCE_DIR}/examples/installed/migrations ${WORK_DIR}/notes.db)
if(NOT STEP_OUTPUT MATCHES "already at head")
    message(FATAL_ERROR "the second run was not a no-op")
endif()
file(GLOB_RECURSE linked_core ${prefix}/lib*/libstrata-core.so.*)
message(STATUS "installed: ${linked_core}")
