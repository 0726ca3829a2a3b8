target_sources(strata_core PRIVATE
    backup/pgversion.h backup/pgversion.cpp
    backup/pgtoolfinder.h backup/pgtoolfinder.cpp
    backup/backupoptions.h
    backup/pgcommand.h backup/pgcommand.cpp
    backup/passwordfile.h backup/passwordfile.cpp
    backup/childprocess.h backup/childprocess.cpp
    backup/toolprogress.h backup/toolprogress.cpp
    backup/archivelist.h backup/archivelist.cpp
    backup/backupjob.h backup/backupjob.cpp
    backup/backupsql.h backup/backupsql.cpp
    backup/scopeddatabase.h
    backup/copycomparison.h backup/copycomparison.cpp
    backup/pgverifier.h backup/pgverifier.cpp
    backup/pgbackupjob.h backup/pgbackupjob.cpp
    backup/pgrestorejob.h backup/pgrestorejob.cpp
    backup/sqlitebackupjob.h backup/sqlitebackupjob.cpp
    backup/sqliterestorejob.h backup/sqliterestorejob.cpp)
