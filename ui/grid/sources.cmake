target_sources(strata_ui PRIVATE
    grid/gridview.h grid/gridview.cpp grid/gridviewinput.cpp
    grid/rownumberheader.h grid/rownumberheader.cpp
    grid/rowscrollbar.h grid/rowscrollbar.cpp
    grid/gridtab.h grid/gridtab.cpp grid/gridtabactions.cpp grid/gridtabcopy.cpp grid/gridtabpending.cpp
    grid/griddelegate.h grid/griddelegate.cpp
    grid/cellinputfeedback.h grid/cellinputfeedback.cpp
    grid/foreignkeyeditor.h grid/foreignkeyeditor.cpp
    grid/gridfilterrow.h grid/gridfilterrow.cpp
    grid/valueeditordialog.h grid/valueeditordialog.cpp)
