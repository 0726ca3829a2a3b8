target_sources(strata_ui PRIVATE
    connections/connectdialog.h connections/connectdialog.cpp)
