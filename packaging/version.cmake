# The package version: the project version at a release tag (v<version> on HEAD), else a
# snapshot "<version>~git<commits>.<commit>", which sorts before the release in dpkg and rpm.
# STRATA_GIT_COMMIT comes from the top-level CMakeLists.txt.

set(STRATA_PACKAGE_VERSION "${PROJECT_VERSION}")
set(STRATA_PACKAGE_SNAPSHOT FALSE)
find_package(Git QUIET)
if(GIT_FOUND AND EXISTS ${PROJECT_SOURCE_DIR}/.git)
    execute_process(COMMAND ${GIT_EXECUTABLE} describe --tags --exact-match --match "v[0-9]*" HEAD
        WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} OUTPUT_VARIABLE strata_tag
        OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(strata_tag STREQUAL "v${PROJECT_VERSION}")
        set(STRATA_PACKAGE_VERSION "${PROJECT_VERSION}")
    else()
        if(strata_tag)
            message(WARNING "HEAD is tagged ${strata_tag} but the project version is ${PROJECT_VERSION}")
        endif()
        execute_process(COMMAND ${GIT_EXECUTABLE} rev-list --count HEAD
            WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} OUTPUT_VARIABLE strata_commit_count
            OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
        execute_process(COMMAND ${GIT_EXECUTABLE} log -1 --format=%aD
            WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} OUTPUT_VARIABLE STRATA_GIT_DATE
            OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
        string(SUBSTRING "${STRATA_GIT_COMMIT}" 0 8 strata_short)
        set(STRATA_PACKAGE_VERSION "${PROJECT_VERSION}~git${strata_commit_count}.${strata_short}")
        set(STRATA_PACKAGE_SNAPSHOT TRUE)
    endif()
endif()
message(STATUS "Strata package version: ${STRATA_PACKAGE_VERSION}")

# Writes the Debian changelog: packaging/debian/changelog, headed by a snapshot entry when
# this is not a release build (dpkg wants the newest entry to be the package's version).
function(strata_debian_changelog output)
    file(READ ${CMAKE_CURRENT_SOURCE_DIR}/debian/changelog history)
    if(STRATA_PACKAGE_SNAPSHOT)
        set(history "strata (${STRATA_PACKAGE_VERSION}-1) unstable; urgency=medium

  * Development snapshot of commit ${STRATA_GIT_COMMIT} (not a release).

 -- Strata contributors <strata@users.noreply.github.com>  ${STRATA_GIT_DATE}

${history}")
    endif()
    set(old "")
    if(EXISTS ${output})
        file(READ ${output} old)
    endif()
    if(NOT old STREQUAL history)   # unchanged: keep the timestamp, no rebuild
        file(WRITE ${output} "${history}")
    endif()
endfunction()
