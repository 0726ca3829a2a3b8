#include "ddltext.h"

#include "catalog/sqlitecreateparser.h"

#include <QRegularExpression>

namespace strata::migrate::ops::ddl {

using catalog::ColumnInfo;
using catalog::ConstraintInfo;
using catalog::ConstraintKind;
using catalog::ForeignKeyInfo;
using catalog::IndexInfo;
using catalog::TableDetail;
using catalog::sqliteparser::Token;
using dialect::Dialect;
using dialect::DialectKind;

namespace {

QString asciiLower(const QString &name)
{
    QString key = name;
    for (QChar &c : key)
        if (c.unicode() < 0x80)
            c = c.toLower();
    return key;
}

bool isNameToken(const Token &t)
{
    return t.type == Token::Type::Word || t.type == Token::Type::Identifier;
}

QString quotedList(const Dialect &dialect, const QStringList &names)
{
    QStringList quoted;
    for (const QString &n : names)
        quoted.append(dialect.quoteIdentifier(n));
    return quoted.join(QLatin1String(", "));
}

QString constraintPrefix(const Dialect &dialect, const QString &name)
{
    return name.isEmpty() ? QString() : QStringLiteral("CONSTRAINT %1 ").arg(dialect.quoteIdentifier(name));
}

// PostgreSQL serial columns: a nextval() default on a sequence the column owns, and no
// identity. Declaring the serial type again recreates that sequence.
QString serialType(const ColumnInfo &column)
{
    if (!column.isIdentity || !column.identityGeneration.isEmpty()
        || !column.defaultValue.startsWith(QLatin1String("nextval(")))
        return QString();
    const QString type = column.dataType.toLower();
    if (type == QLatin1String("bigint"))
        return QStringLiteral("bigserial");
    if (type == QLatin1String("smallint"))
        return QStringLiteral("smallserial");
    return QStringLiteral("serial");
}

QString defaultClause(DialectKind kind, const QString &expression)
{
    if (kind == DialectKind::Sqlite && !isSqliteLiteral(expression))
        return QStringLiteral("DEFAULT (%1)").arg(expression);
    return QStringLiteral("DEFAULT ") + expression;
}

// Index of the token after a possibly qualified name at `i` (name, or schema . name);
// `last` receives the name's last part.
int readName(const QList<Token> &tokens, int i, QString &last, QString *qualifier = nullptr)
{
    if (i >= tokens.size())
        return i;
    last = catalog::sqliteparser::unquote(tokens.at(i));
    if (i + 2 < tokens.size() && tokens.at(i + 1).isPunct('.')) {
        if (qualifier)
            *qualifier = last;
        last = catalog::sqliteparser::unquote(tokens.at(i + 2));
        return i + 3;
    }
    return i + 1;
}

// True when `definition` is CREATE [UNIQUE] INDEX <index> ON [ONLY] <table> ... for the
// table in `schema`: a definition read from another schema (a diff between two schemas, a
// scratch schema) must not create the index there, so on PostgreSQL the table must be
// qualified with `schema` (pg_get_indexdef always qualifies it).
bool definitionFits(DialectKind kind, const QString &definition, const QString &schema, const QString &table,
                    const QString &index)
{
    const QList<Token> tokens = catalog::sqliteparser::tokenize(definition);
    int i = 0;
    while (i < tokens.size() && !tokens.at(i).isWord("INDEX"))
        ++i;
    ++i;
    if (i + 2 < tokens.size() && tokens.at(i).isWord("IF") && tokens.at(i + 1).isWord("NOT"))
        i += 3;
    QString indexName;
    QString tableName;
    QString indexSchema;
    QString tableSchema;
    i = readName(tokens, i, indexName, &indexSchema);
    if (i >= tokens.size() || !tokens.at(i).isWord("ON"))
        return false;
    ++i;
    if (i < tokens.size() && tokens.at(i).isWord("ONLY"))
        ++i;
    readName(tokens, i, tableName, &tableSchema);
    if (!sameName(kind, indexName, index) || !sameName(kind, tableName, table))
        return false;
    if (kind == DialectKind::Postgres)
        return !schema.isEmpty() && sameName(kind, tableSchema, schema);
    const QString wanted = schema.isEmpty() ? QStringLiteral("main") : schema;
    return indexSchema.isEmpty() || sameName(kind, indexSchema, wanted);
}

QString indexPart(const Dialect &dialect, const IndexInfo &index, int i)
{
    const QString &part = index.columns.at(i);
    if (i >= index.isExpression.size() || !index.isExpression.at(i))
        return dialect.quoteIdentifier(part);
    if (part.startsWith(QLatin1Char('(')) && part.endsWith(QLatin1Char(')')))
        return part;
    return QLatin1Char('(') + part + QLatin1Char(')');
}

bool hasAutoincrement(const TableDetail &table)
{
    const int end = int(table.ddl.indexOf(QLatin1Char(';')));
    for (const Token &t : catalog::sqliteparser::tokenize(end < 0 ? table.ddl : table.ddl.left(end)))
        if (t.isWord("AUTOINCREMENT"))
            return true;
    return false;
}

} // namespace

bool sameName(DialectKind kind, const QString &a, const QString &b)
{
    return kind == DialectKind::Sqlite ? asciiLower(a) == asciiLower(b) : a == b;
}

bool containsName(DialectKind kind, const QStringList &names, const QString &name)
{
    for (const QString &n : names)
        if (sameName(kind, n, name))
            return true;
    return false;
}

QString objectName(const Dialect &dialect, const QString &schema, const QString &name)
{
    if (dialect.kind() == DialectKind::Sqlite
        && (schema.isEmpty() || schema.compare(QLatin1String("main"), Qt::CaseInsensitive) == 0))
        return dialect.quoteIdentifier(name);
    return dialect.qualifiedName(schema, name);
}

bool mentions(const QString &sqlText, const QString &name)
{
    const QString key = asciiLower(name);
    for (const Token &t : catalog::sqliteparser::tokenize(sqlText))
        if (isNameToken(t) && asciiLower(catalog::sqliteparser::unquote(t)) == key)
            return true;
    return false;
}

QString renameIdentifier(const Dialect &dialect, const QString &sqlText, const QString &from, const QString &to)
{
    const QString key = asciiLower(from);
    const QList<Token> tokens = catalog::sqliteparser::tokenize(sqlText);
    QString out = sqlText;
    for (auto it = tokens.crbegin(); it != tokens.crend(); ++it)
        if (isNameToken(*it) && asciiLower(catalog::sqliteparser::unquote(*it)) == key)
            out.replace(it->begin, it->end - it->begin, dialect.quoteIdentifier(to));
    return out;
}

bool isSqliteLiteral(const QString &expression)
{
    static const QRegularExpression number(
        QStringLiteral("^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?$|^[+-]?0[xX][0-9a-fA-F]+$"));
    static const QRegularExpression keyword(
        QStringLiteral("^(NULL|TRUE|FALSE|CURRENT_TIME|CURRENT_DATE|CURRENT_TIMESTAMP)$"),
        QRegularExpression::CaseInsensitiveOption);
    const QString text = expression.trimmed();
    if (number.match(text).hasMatch() || keyword.match(text).hasMatch())
        return true;
    const QList<Token> tokens = catalog::sqliteparser::tokenize(text);
    if (tokens.size() == 1 && tokens.first().type == Token::Type::String)
        return true;
    // X'00ff': a blob literal is a word followed by a string.
    return tokens.size() == 2 && tokens.at(0).text.compare(QLatin1String("x"), Qt::CaseInsensitive) == 0
           && tokens.at(1).type == Token::Type::String && tokens.at(1).begin == 1;
}

bool isSqliteConstantDefault(const QString &expression)
{
    return isSqliteLiteral(expression) && !expression.trimmed().startsWith(QLatin1String("CURRENT_"), Qt::CaseInsensitive);
}

QString columnDefinition(const Dialect &dialect, const ColumnInfo &column, const ColumnOptions &options)
{
    const DialectKind kind = dialect.kind();
    const QString serial = kind == DialectKind::Postgres ? serialType(column) : QString();
    QStringList parts{dialect.quoteIdentifier(column.name)};
    const QString type = serial.isEmpty() ? column.dataType : serial;
    if (!type.isEmpty())
        parts.append(type);
    if (!column.collation.isEmpty())
        parts.append(QStringLiteral("COLLATE ") + dialect.quoteIdentifier(column.collation));
    if (kind == DialectKind::Postgres && !column.identityGeneration.isEmpty())
        parts.append(QStringLiteral("GENERATED %1 AS IDENTITY").arg(column.identityGeneration));
    if (column.isGenerated)
        parts.append(QStringLiteral("GENERATED ALWAYS AS (%1)%2")
                         .arg(column.generationExpression,
                              kind == DialectKind::Postgres ? QStringLiteral(" STORED") : QString()));
    else if (!column.defaultValue.isEmpty() && serial.isEmpty())
        parts.append(defaultClause(kind, column.defaultValue));
    const bool rowidAlias = kind == DialectKind::Sqlite && options.inlineKey && column.isIdentity;
    if (!column.nullable && !rowidAlias)
        parts.append(QStringLiteral("NOT NULL"));
    if (options.inlineKey)
        parts.append(constraintPrefix(dialect, options.keyName) + QStringLiteral("PRIMARY KEY")
                     + (options.autoincrement ? QStringLiteral(" AUTOINCREMENT") : QString()));
    for (const ConstraintInfo &check : options.inlineChecks)
        parts.append(constraintClause(dialect, check));
    return parts.join(QLatin1Char(' '));
}

QString constraintClause(const Dialect &dialect, const ConstraintInfo &constraint)
{
    const QString prefix = constraintPrefix(dialect, constraint.name);
    switch (constraint.kind) {
    case ConstraintKind::PrimaryKey:
        return prefix + QStringLiteral("PRIMARY KEY (%1)").arg(quotedList(dialect, constraint.columns));
    case ConstraintKind::Unique:
        return prefix + QStringLiteral("UNIQUE (%1)").arg(quotedList(dialect, constraint.columns));
    case ConstraintKind::Check:
        return prefix + QStringLiteral("CHECK (%1)").arg(constraint.expression);
    case ConstraintKind::Exclusion:
        return prefix + constraint.expression;
    }
    return QString();
}

QString foreignKeyClause(const Dialect &dialect, const ForeignKeyInfo &fk)
{
    QString text = constraintPrefix(dialect, fk.name)
                   + QStringLiteral("FOREIGN KEY (%1) REFERENCES ").arg(quotedList(dialect, fk.columns));
    // SQLite's REFERENCES takes no schema: the parent is in the child's database.
    text += dialect.kind() == DialectKind::Sqlite ? dialect.quoteIdentifier(fk.referencedTable)
                                                  : objectName(dialect, fk.referencedSchema, fk.referencedTable);
    if (!fk.referencedColumns.isEmpty())
        text += QStringLiteral(" (%1)").arg(quotedList(dialect, fk.referencedColumns));
    const auto action = [&text](const char *what, const QString &value) {
        if (!value.isEmpty() && value.compare(QLatin1String("NO ACTION"), Qt::CaseInsensitive) != 0)
            text += QStringLiteral(" ON %1 %2").arg(QLatin1String(what), value.toUpper());
    };
    action("DELETE", fk.onDelete);
    action("UPDATE", fk.onUpdate);
    return text;
}

QString createTable(const Dialect &dialect, const TableDetail &table, const QString &name)
{
    const DialectKind kind = dialect.kind();
    const QStringList key = table.primaryKey();
    QString keyName;
    QList<ConstraintInfo> tableConstraints;
    QList<ConstraintInfo> checks;
    for (const ConstraintInfo &c : table.constraints) {
        if (c.kind == ConstraintKind::PrimaryKey)
            keyName = c.name;
        else if (c.kind == ConstraintKind::Check)
            checks.append(c);
        else
            tableConstraints.append(c);
    }
    QStringList lines;
    for (const ColumnInfo &column : table.columns) {
        ColumnOptions options;
        options.inlineKey = key.size() == 1 && column.primaryKeyPosition > 0;
        options.keyName = keyName;
        options.autoincrement = options.inlineKey && kind == DialectKind::Sqlite && column.isIdentity
                                && hasAutoincrement(table);
        // A check on one column is written in it, as SQLite's reader reports column checks.
        for (auto it = checks.begin(); it != checks.end();) {
            if (it->columns.size() == 1 && sameName(kind, it->columns.first(), column.name)) {
                options.inlineChecks.append(*it);
                it = checks.erase(it);
            } else {
                ++it;
            }
        }
        lines.append(columnDefinition(dialect, column, options));
    }
    if (key.size() > 1)
        lines.append(constraintClause(dialect, {keyName, ConstraintKind::PrimaryKey, key, QString()}));
    for (const ConstraintInfo &c : tableConstraints)
        lines.append(constraintClause(dialect, c));
    for (const ConstraintInfo &c : checks)
        lines.append(constraintClause(dialect, c));
    for (const ForeignKeyInfo &fk : table.foreignKeys)
        lines.append(foreignKeyClause(dialect, fk));
    QString text = QStringLiteral("CREATE TABLE %1 (\n    %2\n)")
                       .arg(objectName(dialect, table.relation.schema, name), lines.join(QLatin1String(",\n    ")));
    if (kind == DialectKind::Sqlite && table.relation.withoutRowid)
        text += QStringLiteral(" WITHOUT ROWID");
    return text;
}

bool isConstraintIndex(DialectKind kind, const TableDetail &table, const IndexInfo &index)
{
    if (index.primary)
        return true;
    if (kind == DialectKind::Sqlite)
        return index.name.startsWith(QLatin1String("sqlite_autoindex_"), Qt::CaseInsensitive);
    for (const ConstraintInfo &c : table.constraints)
        if (c.kind != ConstraintKind::Check && c.name == index.name)
            return true;
    return false;
}

QString createIndex(const Dialect &dialect, const QString &schema, const QString &table, const IndexInfo &index)
{
    const DialectKind kind = dialect.kind();
    if (!index.definition.isEmpty() && definitionFits(kind, index.definition, schema, table, index.name))
        return statementText(index.definition);
    QStringList parts;
    for (int i = 0; i < index.columns.size(); ++i)
        parts.append(indexPart(dialect, index, i));
    // PostgreSQL puts an index in its table's schema and takes no schema on its name.
    const QString indexName = kind == DialectKind::Postgres ? dialect.quoteIdentifier(index.name)
                                                            : objectName(dialect, schema, index.name);
    const QString tableName = kind == DialectKind::Postgres ? objectName(dialect, schema, table)
                                                            : dialect.quoteIdentifier(table);
    QString text = QStringLiteral("CREATE %1INDEX %2 ON %3")
                       .arg(index.unique ? QStringLiteral("UNIQUE ") : QString(), indexName, tableName);
    if (kind == DialectKind::Postgres && !index.method.isEmpty() && index.method != QLatin1String("btree"))
        text += QStringLiteral(" USING ") + index.method;
    text += QStringLiteral(" (%1)").arg(parts.join(QLatin1String(", ")));
    if (!index.predicate.isEmpty())
        text += QStringLiteral(" WHERE ") + index.predicate;
    return text;
}

QStringList createTableWithDependents(const Dialect &dialect, const TableDetail &table)
{
    const QString &schema = table.relation.schema;
    const QString &name = table.relation.name;
    QStringList out{createTable(dialect, table, name)};
    for (const IndexInfo &index : table.indexes)
        if (!isConstraintIndex(dialect.kind(), table, index))
            out.append(createIndex(dialect, schema, name, index));
    for (const catalog::TriggerInfo &trigger : table.triggers)
        out.append(statementText(trigger.definition));
    if (dialect.kind() != DialectKind::Postgres)
        return out;
    const QString qualified = objectName(dialect, schema, name);
    if (!table.relation.comment.isEmpty())
        out.append(QStringLiteral("COMMENT ON TABLE %1 IS %2").arg(qualified, dialect.stringLiteral(table.relation.comment)));
    for (const ColumnInfo &column : table.columns)
        if (!column.comment.isEmpty())
            out.append(QStringLiteral("COMMENT ON COLUMN %1.%2 IS %3")
                           .arg(qualified, dialect.quoteIdentifier(column.name), dialect.stringLiteral(column.comment)));
    return out;
}

QString statementText(const QString &text)
{
    QString s = text.trimmed();
    while (s.endsWith(QLatin1Char(';')))
        s = s.chopped(1).trimmed();
    return s;
}

} // namespace strata::migrate::ops::ddl
