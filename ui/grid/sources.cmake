target_sources(strata_ui PRIVATE
    grid/gridtab.h grid/gridtab.cpp grid/gridtabactions.cpp grid/gridtabcopy.cpp grid/gridtabpending.cpp
    grid/griddelegate.h grid/griddelegate.cpp
    grid/foreignkeyeditor.h grid/foreignkeyeditor.cpp
    grid/gridfilterrow.h grid/gridfilterrow.cpp
    grid/valueeditordialog.h grid/valueeditordialog.cpp)
