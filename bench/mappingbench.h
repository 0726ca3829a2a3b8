#pragma once

// strata-bench mapping: N mapped objects inserted through a Session and read back with
// query<T>().all(), beside the raw C API (sqlite3 / libpq) doing the same with the same
// struct, in the same run.

#include "mapping/table.h"

#include <QDateTime>
#include <QString>
#include <optional>
#include <vector>

namespace strata::bench {

struct BenchRow {
    int id = 0;
    QString title;
    double price = 0;
    std::optional<int> pages;
    QDateTime created;
};

/// The same N rows for both sides: keys left 0 (the database assigns them).
std::vector<BenchRow> benchRows(qint64 rows);

int runMappingBench(const QStringList &arguments);

} // namespace strata::bench

template <>
struct strata::mapping::Mapping<strata::bench::BenchRow> {
    static auto table()
    {
        using strata::bench::BenchRow;
        return Table<BenchRow>("strata_bench_mapping")
            .column(&BenchRow::id, "id", PrimaryKey | AutoIncrement)
            .column(&BenchRow::title, "title")
            .column(&BenchRow::price, "price")
            .column(&BenchRow::pages, "pages")
            .column(&BenchRow::created, "created");
    }
};
