# Install layout: RUNPATH and the default install component.
#
# Where installed executables find libstrata-core. Installed to a system library directory
# (the packages: prefix /usr) they need no RUNPATH; anywhere else (a --prefix, an unpacked
# .tar.gz) they look beside themselves: $ORIGIN/../lib. The build tree uses CMake's RPATH.
# STRATA_RELOCATABLE forces it (the .rpm and .tar.gz, built on Debian with lib64).
option(STRATA_RELOCATABLE "Installed binaries find libstrata-core through \$ORIGIN even in system prefixes" OFF)
if(NOT APPLE AND NOT WIN32)
    list(FIND CMAKE_PLATFORM_IMPLICIT_LINK_DIRECTORIES "${CMAKE_INSTALL_FULL_LIBDIR}" strata_libdir_is_system)
    if(strata_libdir_is_system EQUAL -1 OR STRATA_RELOCATABLE)
        set(CMAKE_INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")
    endif()
endif()

# install() rules without a COMPONENT belong to the application package; headers and the
# CMake package config say COMPONENT devel (packaging/CMakeLists.txt).
set(CMAKE_INSTALL_DEFAULT_COMPONENT_NAME runtime)
