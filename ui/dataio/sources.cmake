target_sources(strata_ui PRIVATE
    dataio/exportdialog.h dataio/exportdialog.cpp
    dataio/importcsvdialog.h dataio/importcsvdialog.cpp dataio/importcsvdialog_run.cpp)
