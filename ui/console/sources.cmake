target_sources(strata_ui PRIVATE
    console/sqlhighlighter.h console/sqlhighlighter.cpp
    console/sqleditor.h console/sqleditor.cpp
    console/findbar.h console/findbar.cpp
    console/planview.h console/planview.cpp
    console/historypanel.h console/historypanel.cpp
    console/parameterdialog.h console/parameterdialog.cpp
    console/consoletab.h console/consoletab.cpp console/consoletabrun.cpp console/consoletabstate.cpp)
