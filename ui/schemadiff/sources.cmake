target_sources(strata_ui PRIVATE
    schemadiff/diffentry.h schemadiff/diffentry.cpp
    schemadiff/schemadiffmodel.h schemadiff/schemadiffmodel.cpp
    schemadiff/schemasourcepicker.h schemadiff/schemasourcepicker.cpp
    schemadiff/schemadifftab.h schemadiff/schemadifftab.cpp schemadiff/schemadifftabrun.cpp
    schemadiff/sqlview.h schemadiff/sqlview.cpp)
