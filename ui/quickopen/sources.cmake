target_sources(strata_ui PRIVATE
    quickopen/quickopenresults.h quickopen/quickopenresults.cpp
    quickopen/quickopenpopup.h quickopen/quickopenpopup.cpp
    quickopen/valuesearchdialog.h quickopen/valuesearchdialog.cpp)
