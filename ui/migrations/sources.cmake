target_sources(strata_ui PRIVATE
    migrations/migrationaction.h migrations/migrationaction.cpp
    migrations/migrationconfirmdialog.h migrations/migrationconfirmdialog.cpp
    migrations/migrationpanel.h migrations/migrationpanel.cpp
    migrations/migrationpanelrun.cpp migrations/migrationpanelproject.cpp
    migrations/migrationpanelview.cpp migrations/migrationpanelalembic.cpp
    migrations/alembicrefusaldialog.h migrations/alembicrefusaldialog.cpp
    migrations/pythonrevisionhighlighter.h migrations/pythonrevisionhighlighter.cpp
    migrations/migrationruncontrol.h
    migrations/migrationtoolbar.h migrations/migrationtoolbar.cpp
    migrations/migrationrunview.h migrations/migrationrunview.cpp
    migrations/migrationprojectloader.h migrations/migrationprojectloader.cpp
    migrations/alembicruncontroller.h migrations/alembicruncontroller.cpp
    migrations/revisiongraphwidget.h migrations/revisiongraphwidget.cpp
    migrations/revisionlayout.h migrations/revisionlayout.cpp
    migrations/revisionfilehighlighter.h migrations/revisionfilehighlighter.cpp
    migrations/revisioneditor.h migrations/revisioneditor.cpp
    migrations/revisioneditortab.h migrations/revisioneditortab.cpp)
