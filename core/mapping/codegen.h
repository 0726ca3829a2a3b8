#pragma once

// Code generation from an existing table, the reverse of MetaData::createAll: a C++ struct
// and its Mapping<T> specialisation (table.h) for a table read by a CatalogReader. Names
// that are not valid C++ identifiers (spaces, keywords, Unicode, leading digits) become
// valid ones for the struct and its members; the mapping keeps the real table and column
// names. What the mapping cannot express (expression or partial indexes, generated columns,
// exclusion constraints, an unresolvable foreign key) is left out with a comment saying so.
// Pure functions of their input: no database access, any thread.

#include "base/result.h"
#include "catalog/catalogtypes.h"
#include "dialect/dialect.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>

namespace strata::mapping {

struct CodegenOptions {
    /// Struct name; empty: the table name in PascalCase (single-table generation only).
    QString structName;
    /// Wraps the structs in this namespace (the Mapping<> specialisations stay outside).
    QString namespaceName;
    /// The header the generated file includes for Table<T>.
    QString includePath = QStringLiteral("mapping/table.h");
    /// Primary keys of other tables ("schema.table" or "table" -> columns), for SQLite
    /// foreign keys that leave the referenced columns implied.
    QHash<QString, QStringList> primaryKeys;
};

/// The C++ struct and its Mapping<T> for `table` (no #pragma once or #include lines).
QString generateMapping(const catalog::TableDetail &table, dialect::DialectKind dialect,
                        const CodegenOptions &options = {});

/// A whole header: a comment, #pragma once, the includes, then every table's struct and
/// mapping in the given order (struct names made unique across the file).
QString generateMappingFile(const QList<catalog::TableDetail> &tables, dialect::DialectKind dialect,
                            const CodegenOptions &options = {});

/// Reads the tables of `schema` named in `tables` (every table when empty) with a
/// CatalogReader and generates one header for them; the primary keys of tables their
/// foreign keys reference are read too (SQLite may leave the referenced columns implied).
/// NotFound when a named table does not exist. Runs SQL on `db`: its owning thread only.
Result<QString> generateMappingFromDatabase(QSqlDatabase &db, dialect::DialectKind dialect, const QString &schema,
                                            const QStringList &tables, const CodegenOptions &options = {});

/// `name` as a C++ identifier: ASCII letters, digits and single underscores; accents dropped
/// (é -> e), other characters as _uXXXX; never a keyword (trailing _) or a reserved name.
/// `pascal` gives PascalCase words (types), otherwise lowerCamelCase (members).
QString cppIdentifier(const QString &name, bool pascal);

/// The C++ member type for a column type as the catalog names it (without std::optional).
QString cppTypeFor(const QString &dataType, dialect::DialectKind dialect);

} // namespace strata::mapping
