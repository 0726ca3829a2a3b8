# CPACK_PROJECT_CONFIG_FILE: read by cpack once per generator.
# CPack's DEB generator prepends CPACK_PACKAGE_DESCRIPTION_SUMMARY to every component's
# description, so strata-dev would get strata's synopsis; the component descriptions
# (cpack.cmake) carry their own first line instead.
if(CPACK_GENERATOR STREQUAL "DEB")
    set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "")
endif()

# The .tar.gz is relocatable (built with STRATA_RELOCATABLE): bin/, lib64/, share/ at its top.
if(CPACK_GENERATOR STREQUAL "TGZ")
    set(CPACK_PACKAGING_INSTALL_PREFIX "/")
endif()
