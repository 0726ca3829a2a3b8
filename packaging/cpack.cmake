# CPack: .deb and .rpm per component (strata: the apps and the library; strata-dev: headers
# and the CMake package) and one .tar.gz with everything. On Windows, windows/windows.cmake
# sets NSIS and WiX up.

set(CPACK_PACKAGE_NAME "strata")
set(CPACK_PACKAGE_VENDOR "Strata contributors")
set(CPACK_PACKAGE_CONTACT "Strata contributors <strata@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Native database browser for SQLite and PostgreSQL with migrations")
set(CPACK_PACKAGE_DESCRIPTION "Strata browses SQLite files and PostgreSQL servers: an object tree of schemas,
tables, views and their columns, indexes and keys with their DDL, an editable
data grid, a SQL console, CSV import and export, and Alembic-style schema
migrations (also as the strata-migrate command).")
# Per-generator tweaks (the .deb's per-component synopsis).
set(CPACK_PROJECT_CONFIG_FILE "${CMAKE_CURRENT_LIST_DIR}/cpack-project.cmake")
set(CPACK_PACKAGE_VERSION "${STRATA_PACKAGE_VERSION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/strata/strata")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Strata")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_CHECKSUM SHA256)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build[^/]*/")

if(NOT WIN32)
    set(CPACK_GENERATOR "DEB;RPM;TGZ")
    set(CPACK_PACKAGE_FILE_NAME "strata-${STRATA_PACKAGE_VERSION}-Linux-${CMAKE_SYSTEM_PROCESSOR}")
    set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
    # The .tar.gz holds both components; .deb and .rpm split them.
    set(CPACK_ARCHIVE_COMPONENT_INSTALL OFF)
    set(CPACK_DEB_COMPONENT_INSTALL ON)
    set(CPACK_RPM_COMPONENT_INSTALL ON)
    set(CPACK_COMPONENTS_ALL runtime devel)
endif()
set(CPACK_COMPONENT_RUNTIME_DISPLAY_NAME "Strata")
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION "The Strata application, strata-migrate and libstrata-core")
set(CPACK_COMPONENT_RUNTIME_REQUIRED ON)
set(CPACK_COMPONENT_DEVEL_DISPLAY_NAME "C++ development files")
set(CPACK_COMPONENT_DEVEL_DESCRIPTION "Headers and the CMake package (find_package(Strata)) for libstrata-core")
set(CPACK_COMPONENT_DEVEL_DEPENDS runtime)

# --- Debian ------------------------------------------------------------------------------
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_VERSION "${STRATA_PACKAGE_VERSION}")
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION "database")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${CPACK_PACKAGE_HOMEPAGE_URL}")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME "strata")
set(CPACK_DEBIAN_DEVEL_PACKAGE_NAME "strata-dev")
set(CPACK_DEBIAN_DEVEL_PACKAGE_SECTION "libdevel")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY "=")
# shlibdeps finds Qt, libpq and sqlite, but not what Qt loads at run time: the SQL drivers,
# the SVG icon plugin, and the platform plugins (xcb, wayland, offscreen).
set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6sql6-psql, libqt6svg6, qt6-qpa-plugins")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_RECOMMENDS "qt6-wayland, gnome-keyring | kwalletmanager")
set(CPACK_DEBIAN_DEVEL_PACKAGE_DEPENDS "strata (= ${STRATA_PACKAGE_VERSION}-1), qt6-base-dev")
# The first line is the synopsis (cpack-project.cmake stops CPack prepending the summary).
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION_SUMMARY}\n${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_DEBIAN_DEVEL_DESCRIPTION "development files for libstrata-core
Headers and the CMake package (find_package(Strata) gives Strata::Core) for
C++ applications using Strata's connections, catalog, data access, model
mapping and migration engine.")
# dpkg's ldconfig trigger (lintian: lacks-ldconfig-trigger). CPack still adds its own
# ldconfig postinst/postrm for the shlibs file (lintian warns: maintscript-calls-ldconfig).
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/deb-runtime/triggers "activate-noawait ldconfig\n")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA "${CMAKE_CURRENT_BINARY_DIR}/deb-runtime/triggers")
# Control files 0644/0755 as lintian expects. The desktop, MIME and icon caches are updated
# by the dpkg triggers of desktop-file-utils, shared-mime-info and the icon theme packages.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# --- RPM ---------------------------------------------------------------------------------
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_VERSION "${STRATA_PACKAGE_VERSION}")
set(CPACK_RPM_PACKAGE_RELEASE 1)
set(CPACK_RPM_PACKAGE_LICENSE "MIT")
set(CPACK_RPM_PACKAGE_GROUP "Applications/Databases")
set(CPACK_RPM_PACKAGE_URL "${CPACK_PACKAGE_HOMEPAGE_URL}")
set(CPACK_RPM_RUNTIME_PACKAGE_NAME "strata")
set(CPACK_RPM_DEVEL_PACKAGE_NAME "strata-devel")
set(CPACK_RPM_PACKAGE_AUTOREQ ON)
# Fedora package names of what Qt loads at run time (the SQLite driver is in qt6-qtbase,
# the platform plugins in -gui). Not tried on Fedora here.
set(CPACK_RPM_RUNTIME_PACKAGE_REQUIRES "qt6-qtbase-gui, qt6-qtbase-postgresql, qt6-qtsvg")
set(CPACK_RPM_DEVEL_PACKAGE_REQUIRES "strata = ${STRATA_PACKAGE_VERSION}, qt6-qtbase-devel")
set(CPACK_RPM_RUNTIME_PACKAGE_SUMMARY "${CPACK_PACKAGE_DESCRIPTION_SUMMARY}")
set(CPACK_RPM_RUNTIME_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_RPM_DEVEL_PACKAGE_DESCRIPTION "Headers and the CMake package (find_package(Strata) gives Strata::Core) for
C++ applications using Strata's connections, catalog, data access, model
mapping and migration engine.")
set(CPACK_RPM_DEVEL_PACKAGE_SUMMARY "Development files for libstrata-core")
set(CPACK_RPM_SPEC_MORE_DEFINE "%define _build_id_links none")
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /usr/share/applications /usr/share/metainfo /usr/share/mime /usr/share/mime/packages
    /usr/share/icons /usr/share/icons/hicolor /usr/share/man /usr/share/man/man1
    /usr/lib64 /usr/lib64/cmake /usr/include /usr/share/doc)

if(WIN32)
    include(${CMAKE_CURRENT_LIST_DIR}/windows/windows.cmake)
endif()
include(CPack)
cpack_add_component(runtime DISPLAY_NAME "Strata" REQUIRED)
cpack_add_component(devel DISPLAY_NAME "C++ development files" DEPENDS runtime)
