target_sources(strata_ui PRIVATE
    mainwindow/mainwindow.h mainwindow/mainwindow.cpp mainwindow/mainwindowconnections.cpp mainwindow/mainwindowtabs.cpp
    mainwindow/aboutdialog.h mainwindow/aboutdialog.cpp
    mainwindow/mainwindowschematools.cpp
    mainwindow/mainwindowdashboard.cpp
    mainwindow/welcomepage.h mainwindow/welcomepage.cpp
    mainwindow/mainwindowerd.cpp
    mainwindow/mainwindowactions.cpp
    mainwindow/mainwindowsession.cpp
    mainwindow/mainwindowstartup.cpp mainwindow/startupoptions.h mainwindow/startupoptions.cpp
    mainwindow/mainwindowquickopen.cpp mainwindow/mainwindowsavedqueries.cpp
    mainwindow/actionrelay.h mainwindow/actionrelay.cpp
    mainwindow/editcommands.h mainwindow/editcommands.cpp
    mainwindow/shortcutsdialog.h mainwindow/shortcutsdialog.cpp
    mainwindow/userguidedialog.h mainwindow/userguidedialog.cpp)
# Help › User guide finds the README of the source tree when run from a build directory.
set_source_files_properties(mainwindow/userguidedialog.cpp PROPERTIES
    COMPILE_DEFINITIONS "STRATA_SOURCE_DIR=\"${PROJECT_SOURCE_DIR}\"")
