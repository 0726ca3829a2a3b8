target_sources(strata_ui PRIVATE
    designer/combodelegate.h designer/combodelegate.cpp
    designer/schemachangesaver.h designer/schemachangesaver.cpp
    designer/tabledesignertab.h designer/tabledesignertab.cpp
    designer/tabledesignerform.cpp designer/tabledesignersave.cpp)
