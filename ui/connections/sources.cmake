target_sources(strata_ui PRIVATE
    connections/connectiondialog.h connections/connectiondialog.cpp connections/connectiondialogfields.cpp
    connections/passworddialog.h connections/passworddialog.cpp
    connections/importreviewdialog.h connections/importreviewdialog.cpp
    connections/savedconnections.h connections/savedconnections.cpp connections/savedconnectionsimport.cpp)
