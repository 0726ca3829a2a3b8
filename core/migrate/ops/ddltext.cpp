#include "ddltext.h"

#include "catalog/sqlitecreateparser.h"
#include "dialect/ddl.h"

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

// SQLite takes an expression default only in parentheses.
QString defaultExpression(DialectKind kind, const QString &expression)
{
    if (kind == DialectKind::Sqlite && !isSqliteLiteral(expression))
        return QLatin1Char('(') + expression + QLatin1Char(')');
    return expression;
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
    const QList<Token> tokens = catalog::sqliteparser::tokenize(definition, kind);
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

QString schemaOf(const Dialect &dialect, const QString &schema)
{
    if (dialect.kind() == DialectKind::Sqlite && schema.compare(QLatin1String("main"), Qt::CaseInsensitive) == 0)
        return QString();
    return schema;
}

QString objectName(const Dialect &dialect, const QString &schema, const QString &name)
{
    return dialect.qualifiedName(schemaOf(dialect, schema), name);
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
    dialect::ddl::Column c;
    c.name = column.name;
    c.type = serial.isEmpty() ? column.dataType : serial;
    c.collation = column.collation;
    c.identity = column.identityGeneration;
    if (column.isGenerated)
        c.generatedExpression = column.generationExpression;
    else if (serial.isEmpty() && !column.defaultValue.isEmpty())
        c.defaultExpression = defaultExpression(kind, column.defaultValue);
    const bool rowidAlias = kind == DialectKind::Sqlite && options.inlineKey && column.isIdentity;
    c.notNull = !column.nullable && !rowidAlias;
    c.primaryKey = options.inlineKey;
    c.primaryKeyName = options.keyName;
    c.autoincrement = options.autoincrement;
    for (const ConstraintInfo &check : options.inlineChecks)
        c.clauses.append(constraintClause(dialect, check));
    return dialect::ddl::column(dialect, c);
}

QString constraintClause(const Dialect &dialect, const ConstraintInfo &constraint)
{
    using K = dialect::ddl::Constraint::Kind;
    const K kind = constraint.kind == ConstraintKind::PrimaryKey ? K::PrimaryKey
                   : constraint.kind == ConstraintKind::Unique   ? K::Unique
                   : constraint.kind == ConstraintKind::Check    ? K::Check
                                                                 : K::Written;
    return dialect::ddl::constraint(dialect, {kind, constraint.name, constraint.columns, constraint.expression});
}

QString foreignKeyClause(const Dialect &dialect, const ForeignKeyInfo &fk)
{
    return dialect::ddl::foreignKey(dialect, {fk.name, fk.columns, fk.referencedSchema, fk.referencedTable, fk.referencedColumns,
                                              fk.onDelete, fk.onUpdate});
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
    dialect::ddl::Table out{schemaOf(dialect, table.relation.schema), name, {}, false, dialect::ddl::Layout::Indented,
                            table.relation.withoutRowid};
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
        out.elements.append(columnDefinition(dialect, column, options));
    }
    if (key.size() > 1)
        out.elements.append(constraintClause(dialect, {keyName, ConstraintKind::PrimaryKey, key, QString()}));
    for (const ConstraintInfo &c : tableConstraints)
        out.elements.append(constraintClause(dialect, c));
    for (const ConstraintInfo &c : checks)
        out.elements.append(constraintClause(dialect, c));
    for (const ForeignKeyInfo &fk : table.foreignKeys)
        out.elements.append(foreignKeyClause(dialect, fk));
    return dialect::ddl::createTable(dialect, out);
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
    if (!index.definition.isEmpty() && definitionFits(dialect.kind(), index.definition, schema, table, index.name))
        return statementText(index.definition);
    QStringList parts;
    for (int i = 0; i < index.columns.size(); ++i)
        parts.append(indexPart(dialect, index, i));
    return dialect::ddl::createIndex(dialect, {schemaOf(dialect, schema), table, index.name, parts, index.unique, false,
                                               index.method, index.predicate});
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
