# Packaging tests (label "packaging"; the self-test also "sqlite"):
#   strata_self_test            the app's --self-test, offscreen, from the build tree
#   packaging_metadata          desktop file, metainfo and changelog agree and validate
#   packaging_installed_example install to a temporary prefix, build examples/installed
#                               against it with find_package(Strata), run its upgrade; the
#                               example is compiled and linked with this build's CMAKE_CXX_FLAGS
#                               and CMAKE_EXE_LINKER_FLAGS, so a sanitizer build (preset asan)
#                               links its sanitized libstrata-core into a sanitized program
#                               (else: "ASan runtime does not come first in initial library list")

add_test(NAME strata_self_test COMMAND strata --self-test)
set_tests_properties(strata_self_test PROPERTIES LABELS "sqlite;packaging" TIMEOUT 120
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen")

add_test(NAME packaging_metadata
    COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DVERSION=${PROJECT_VERSION}
            -DAPP_ID=${STRATA_APP_ID} -P ${CMAKE_CURRENT_SOURCE_DIR}/test-metadata.cmake)
set_tests_properties(packaging_metadata PROPERTIES LABELS "unit;packaging" TIMEOUT 60)

add_test(NAME packaging_installed_example
    COMMAND ${CMAKE_COMMAND} -DBUILD_DIR=${PROJECT_BINARY_DIR} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
            -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/installed-example -DGENERATOR=${CMAKE_GENERATOR}
            -DCONFIG=$<CONFIG> "-DEXAMPLE_CXX_FLAGS=${CMAKE_CXX_FLAGS}"
            "-DEXAMPLE_LINKER_FLAGS=${CMAKE_EXE_LINKER_FLAGS}"
            -P ${CMAKE_CURRENT_SOURCE_DIR}/test-installed-example.cmake)
set_tests_properties(packaging_installed_example PROPERTIES LABELS "sqlite;packaging" TIMEOUT 240
    RUN_SERIAL TRUE)
