target_sources(strata_ui PRIVATE
    backup/backupjobrunner.h backup/backupjobrunner.cpp
    backup/jobprogressview.h backup/jobprogressview.cpp
    backup/pgtoolfolder.h backup/pgtoolfolder.cpp
    backup/backupdialog.h backup/backupdialog.cpp
    backup/restoredialog.h backup/restoredialog.cpp
    backup/backupmenu.h backup/backupmenu.cpp)
