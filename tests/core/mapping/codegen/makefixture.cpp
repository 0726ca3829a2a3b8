// Build-time helper of tst_codegenroundtrip: runs a .sql file into a fresh SQLite file.
// Usage: strata_codegen_fixture SCHEMA.sql OUT.db

#include <cstdio>
#include <fstream>
#include <sstream>
#include <sqlite3.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s SCHEMA.sql OUT.db\n", argv[0]);
        return 2;
    }
    std::remove(argv[2]);
    std::ifstream in(argv[1]);
    std::stringstream sql;
    sql << in.rdbuf();
    sqlite3 *db = nullptr;
    char *error = nullptr;
    if (sqlite3_open(argv[2], &db) != SQLITE_OK
        || sqlite3_exec(db, sql.str().c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::fprintf(stderr, "%s: %s\n", argv[1], error ? error : sqlite3_errmsg(db));
        sqlite3_free(error);
        sqlite3_close(db);
        return 1;
    }
    return sqlite3_close(db) == SQLITE_OK ? 0 : 1;
}
