target_sources(strata_ui PRIVATE
    codegen/codegendialog.h codegen/codegendialog.cpp)
