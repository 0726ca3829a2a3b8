target_sources(strata_ui PRIVATE
    migrations/migrationaction.h migrations/migrationaction.cpp
    migrations/migrationconfirmdialog.h migrations/migrationconfirmdialog.cpp
    migrations/migrationpanel.h migrations/migrationpanel.cpp
    migrations/migrationpanelrun.cpp migrations/migrationpanelproject.cpp
    migrations/migrationpanelview.cpp
    migrations/migrationruncontrol.h
    migrations/revisiongraphwidget.h migrations/revisiongraphwidget.cpp
    migrations/revisionlayout.h migrations/revisionlayout.cpp
    migrations/revisionfilehighlighter.h migrations/revisionfilehighlighter.cpp
    migrations/revisioneditor.h migrations/revisioneditor.cpp
    migrations/revisioneditortab.h migrations/revisioneditortab.cpp)
