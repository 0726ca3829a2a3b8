target_sources(strata_ui PRIVATE
    mainwindow/mainwindow.h mainwindow/mainwindow.cpp mainwindow/mainwindowconnections.cpp mainwindow/mainwindowtabs.cpp
    mainwindow/aboutdialog.h mainwindow/aboutdialog.cpp
    mainwindow/mainwindowschematools.cpp
    mainwindow/mainwindowdashboard.cpp
    mainwindow/mainwindowerd.cpp
    mainwindow/welcomepage.h mainwindow/welcomepage.cpp)
