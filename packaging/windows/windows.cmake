# Windows installers: NSIS (.exe) and WiX (.msi), both with a Start-menu shortcut, an
# "Open with Strata" association for .db/.sqlite/.sqlite3, an uninstaller, and everything
# the apps load: Qt DLLs and plugins (windeployqt: platforms, styles, imageformats incl.
# SVG, sqldrivers incl. qsqlite and qsqlpsql), libpq with its OpenSSL DLLs, sqlite3,
# QtKeychain, and the MSVC runtime. Included from cpack.cmake on WIN32 only.
# Not run on this project's Linux machines: .github/workflows/release.yml runs it.

# MSI versions must be numeric: the snapshot suffix goes into the file name only.
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_FILE_NAME "strata-${STRATA_PACKAGE_VERSION}-windows-x64")
string(REPLACE "~" "-" CPACK_PACKAGE_FILE_NAME "${CPACK_PACKAGE_FILE_NAME}")
set(CPACK_GENERATOR "NSIS;WIX")
set(CPACK_COMPONENTS_ALL runtime devel)
set(CPACK_PACKAGE_EXECUTABLES "strata;Strata")   # Start-menu shortcut (NSIS and WiX)
set(CPACK_CREATE_DESKTOP_LINKS "strata")
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "Strata")

# --- the DLLs and Qt plugins, at install time (so also into CPack's staging tree) -------
include(InstallRequiredSystemLibraries)   # the MSVC runtime into bin/
get_filename_component(strata_qt_bin "${Qt6_DIR}/../../../bin" ABSOLUTE)
find_program(STRATA_WINDEPLOYQT windeployqt HINTS "${strata_qt_bin}" REQUIRED)
# Where libpq, OpenSSL, sqlite3 and QtKeychain DLLs are: the bin/ of every prefix
# (vcpkg's installed tree, the QtKeychain install) and Qt's bin/.
set(strata_dll_dirs "${strata_qt_bin}")
foreach(prefix IN LISTS CMAKE_PREFIX_PATH CMAKE_SYSTEM_PREFIX_PATH)
    if(EXISTS "${prefix}/bin")
        list(APPEND strata_dll_dirs "${prefix}/bin")
    endif()
endforeach()
if(DEFINED VCPKG_INSTALLED_DIR AND DEFINED VCPKG_TARGET_TRIPLET)
    list(APPEND strata_dll_dirs "${VCPKG_INSTALLED_DIR}/${VCPKG_TARGET_TRIPLET}/bin")
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/deploy.cmake.in ${CMAKE_CURRENT_BINARY_DIR}/deploy.cmake @ONLY)
install(SCRIPT ${CMAKE_CURRENT_BINARY_DIR}/deploy.cmake COMPONENT runtime)

# --- NSIS -----------------------------------------------------------------------------
set(CPACK_NSIS_PACKAGE_NAME "Strata")
set(CPACK_NSIS_DISPLAY_NAME "Strata ${PROJECT_VERSION}")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\strata.exe")
set(CPACK_NSIS_URL_INFO_ABOUT "${CPACK_PACKAGE_HOMEPAGE_URL}")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH OFF)
set(CPACK_NSIS_MUI_FINISHPAGE_RUN "strata.exe")
set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
# "Open with Strata" for SQLite files: a ProgID and OpenWithProgids entries (the user's
# current default program for .db stays), removed again by the uninstaller.
set(strata_nsis_assoc "
  WriteRegStr SHCTX 'Software\\\\Classes\\\\Strata.Database' '' 'SQLite database'
  WriteRegStr SHCTX 'Software\\\\Classes\\\\Strata.Database\\\\DefaultIcon' '' '$INSTDIR\\\\bin\\\\strata.exe,0'
  WriteRegStr SHCTX 'Software\\\\Classes\\\\Strata.Database\\\\shell\\\\open\\\\command' '' '\"$INSTDIR\\\\bin\\\\strata.exe\" \"%1\"'")
set(strata_nsis_unassoc "
  DeleteRegKey SHCTX 'Software\\\\Classes\\\\Strata.Database'")
foreach(ext .db .sqlite .sqlite3)
    string(APPEND strata_nsis_assoc "
  WriteRegStr SHCTX 'Software\\\\Classes\\\\${ext}\\\\OpenWithProgids' 'Strata.Database' ''")
    string(APPEND strata_nsis_unassoc "
  DeleteRegValue SHCTX 'Software\\\\Classes\\\\${ext}\\\\OpenWithProgids' 'Strata.Database'")
endforeach()
set(strata_nsis_notify "
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'")
set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS "${strata_nsis_assoc}${strata_nsis_notify}")
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS "${strata_nsis_unassoc}${strata_nsis_notify}")

# --- WiX (MSI) ------------------------------------------------------------------------
# The upgrade code never changes (a new MSI replaces an installed Strata); the product
# code is generated per build, as Windows Installer wants for every new version.
set(CPACK_WIX_UPGRADE_GUID "D830ECE6-A79D-439A-AF58-BE13CACC86A0")
set(CPACK_WIX_PROGRAM_MENU_FOLDER "Strata")
set(CPACK_WIX_PROPERTY_ARPURLINFOABOUT "${CPACK_PACKAGE_HOMEPAGE_URL}")
set(CPACK_WIX_PATCH_FILE "${CMAKE_CURRENT_LIST_DIR}/wix-patch.xml")
# NSIS and WiX want the licence file with a .txt extension.
configure_file(${PROJECT_SOURCE_DIR}/LICENSE ${CMAKE_CURRENT_BINARY_DIR}/LICENSE.txt COPYONLY)
set(CPACK_RESOURCE_FILE_LICENSE "${CMAKE_CURRENT_BINARY_DIR}/LICENSE.txt")
