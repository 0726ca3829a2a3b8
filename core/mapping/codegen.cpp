// Generates a struct and its Mapping<T> from catalog values (codegen.h). The output follows
// the declarations in table.h one call per line, so a reader can check it against the
// table's DDL; anything left out says why in a comment.

#include "codegen.h"

#include "base/quotedtext.h"

#include <QSet>

namespace strata::mapping {

namespace {

/// A C++ string literal of UTF-8 text (the mapping's Name takes UTF-8).
QString literal(const QString &text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        if (c == u'"' || c == u'\\')
            out += QLatin1Char('\\') + c;
        else if (c == u'\n')
            out += QStringLiteral("\\n");
        else if (c == u'\t')
            out += QStringLiteral("\\t");
        else if (c.unicode() < 0x20)
            out += QStringLiteral("\\%1").arg(c.unicode(), 3, 8, QLatin1Char('0'));
        else
            out += c;
    }
    return out + QLatin1Char('"');
}

/// A name as a note or comment quotes it; the comment line passes through commentText().
QString named(const QString &name)
{
    return QLatin1Char('"') + name + QLatin1Char('"');
}

/// "// text" on one line, whatever the names in `text` hold (a name ending in '\' would
/// continue a // comment onto the next line; a newline would start code).
QString lineComment(const QString &text)
{
    QString line = QStringLiteral("// ") + commentText(text);
    // C++ splices a line ending in '\' (escaped or not, even before trailing blanks) with the next
    if (line.endsWith(QLatin1Char('\\')))
        line += QLatin1Char('.');
    return line;
}

QString literalList(const QStringList &names)
{
    QStringList parts;
    for (const QString &n : names)
        parts.append(literal(n));
    return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
}

QString onAction(const QString &sql)
{
    const QString a = sql.trimmed().toUpper();
    if (a == u"CASCADE")
        return QStringLiteral("OnAction::Cascade");
    if (a == u"SET NULL")
        return QStringLiteral("OnAction::SetNull");
    if (a == u"SET DEFAULT")
        return QStringLiteral("OnAction::SetDefault");
    if (a == u"RESTRICT")
        return QStringLiteral("OnAction::Restrict");
    return QStringLiteral("OnAction::NoAction");
}

QString defaultSchema(dialect::DialectKind d)
{
    return d == dialect::DialectKind::Sqlite ? QStringLiteral("main") : QStringLiteral("public");
}

QString initializer(const QString &type)
{
    if (type == u"bool")
        return QStringLiteral(" = false");
    if (type == u"int" || type == u"short" || type == u"qint64" || type == u"double" || type == u"float")
        return QStringLiteral(" = 0");
    return QString();
}

struct Generator {
    const catalog::TableDetail &t;
    dialect::DialectKind dialect;
    const CodegenOptions &options;
    QString structName;
    QHash<QString, QString> members;   // column name -> member name
    QStringList notes;                 // what was left out, and why
    QStringList uniqueSingle;          // columns with a one-column UNIQUE constraint

    QString qualified() const
    {
        return options.namespaceName.isEmpty() ? structName : options.namespaceName + QStringLiteral("::") + structName;
    }

    void nameMembers()
    {
        QSet<QString> used;
        for (const catalog::ColumnInfo &c : t.columns) {
            QString name = cppIdentifier(c.name, false);
            for (int n = 2; used.contains(name) || name == structName; ++n)
                name = cppIdentifier(c.name, false) + QString::number(n);
            used.insert(name);
            members.insert(c.name, name);
        }
    }

    bool hasServerValue(const catalog::ColumnInfo &c) const
    {
        return !c.defaultValue.isEmpty() && !c.isIdentity && c.primaryKeyPosition == 0;
    }

    QString structText() const
    {
        QString s = QStringLiteral("struct %1 {\n").arg(structName);
        for (const catalog::ColumnInfo &c : t.columns) {
            if (c.isGenerated)
                continue;
            const QString type = cppTypeFor(c.dataType, dialect);
            // A NOT NULL column with a server default is optional too: left empty, the server fills it in.
            const bool optional = c.primaryKeyPosition == 0 && (c.nullable || hasServerValue(c));
            s += optional ? QStringLiteral("    std::optional<%1> %2;").arg(type, members.value(c.name))
                          : QStringLiteral("    %1 %2%3;").arg(type, members.value(c.name), initializer(type));
            if (c.name != members.value(c.name) || !c.comment.isEmpty()) {
                QString comment = QStringLiteral("%1 %2").arg(named(c.name), c.dataType);
                if (!c.comment.isEmpty())
                    comment += QStringLiteral(": ") + c.comment.simplified();
                s += QStringLiteral("   ") + lineComment(comment);
            }
            s += QLatin1Char('\n');
        }
        return s + QStringLiteral("};\n");
    }

    QString columnLine(const catalog::ColumnInfo &c, bool compositeKey) const
    {
        QStringList flags;
        if (c.primaryKeyPosition > 0 && !compositeKey)
            flags.append(QStringLiteral("PrimaryKey"));
        if (c.isIdentity)
            flags.append(QStringLiteral("AutoIncrement"));
        if (!c.nullable && c.primaryKeyPosition == 0 && hasServerValue(c))
            flags.append(QStringLiteral("NotNull"));
        if (uniqueSingle.contains(c.name))
            flags.append(QStringLiteral("Unique"));
        QString line = QStringLiteral("            .column(&%1::%2, %3").arg(qualified(), members.value(c.name), literal(c.name));
        if (!flags.isEmpty())
            line += QStringLiteral(", ") + flags.join(QStringLiteral(" | "));
        return line + QStringLiteral(")\n");
    }

    QString keyAndConstraintLines()
    {
        QString s;
        const QStringList key = t.primaryKey();
        if (key.size() > 1)
            s += QStringLiteral("            .primaryKey(%1)\n").arg(literalList(key));
        for (const catalog::ConstraintInfo &c : t.constraints) {
            if (c.kind == catalog::ConstraintKind::Unique && c.columns.size() > 1)
                s += QStringLiteral("            .unique(%1)\n").arg(literalList(c.columns));
            else if (c.kind == catalog::ConstraintKind::Check)
                s += QStringLiteral("            .check(%1, %2)\n").arg(literal(c.name), literal(c.expression));
            else if (c.kind == catalog::ConstraintKind::Exclusion)
                notes.append(QStringLiteral("exclusion constraint %1 is not mapped").arg(named(c.name)));
        }
        return s;
    }

    QString indexLines()
    {
        QSet<QString> constraintNames;
        for (const catalog::ConstraintInfo &c : t.constraints)
            constraintNames.insert(c.name);
        QString s;
        for (const catalog::IndexInfo &i : t.indexes) {
            // Indexes behind the primary key and UNIQUE constraints come with those.
            if (i.primary || constraintNames.contains(i.name)
                || (dialect == dialect::DialectKind::Sqlite && i.definition.isEmpty()))
                continue;
            if (i.isExpression.contains(true) || !i.predicate.isEmpty()
                || (!i.method.isEmpty() && i.method != u"btree")) {
                notes.append(QStringLiteral("index %1 (expression, partial or non-btree) is not mapped").arg(named(i.name)));
                continue;
            }
            s += QStringLiteral("            .index(%1, %2, %3)\n")
                     .arg(literalList(i.columns), i.unique ? QStringLiteral("true") : QStringLiteral("false"), literal(i.name));
        }
        return s;
    }

    QString foreignKeyLines()
    {
        QString s;
        for (const catalog::ForeignKeyInfo &fk : t.foreignKeys) {
            QStringList referenced = fk.referencedColumns;
            if (referenced.isEmpty()) {
                referenced = options.primaryKeys.value(fk.referencedSchema + QLatin1Char('.') + fk.referencedTable,
                                                       options.primaryKeys.value(fk.referencedTable));
            }
            const bool otherSchema = !fk.referencedSchema.isEmpty() && fk.referencedSchema != t.relation.schema;
            if (referenced.isEmpty() || otherSchema) {
                notes.append(QStringLiteral("foreign key (%1) to %2 is not mapped: %3")
                                 .arg(fk.columns.join(QStringLiteral(", ")), named(fk.referencedTable),
                                      otherSchema ? QStringLiteral("another schema") : QStringLiteral("referenced columns unknown")));
                continue;
            }
            s += QStringLiteral("            .foreignKey(%1, %2, %3, %4, %5, %6)\n")
                     .arg(literalList(fk.columns), literal(fk.referencedTable), literalList(referenced),
                          onAction(fk.onDelete), onAction(fk.onUpdate), literal(fk.name));
        }
        return s;
    }

    QString mappingText()
    {
        const bool composite = t.primaryKey().size() > 1;
        for (const catalog::ConstraintInfo &c : t.constraints) {
            if (c.kind == catalog::ConstraintKind::Unique && c.columns.size() == 1)
                uniqueSingle.append(c.columns.first());
        }
        QString s = QStringLiteral("template <>\nstruct strata::mapping::Mapping<%1> {\n    static auto table()\n    {\n")
                        .arg(qualified());
        const bool ownSchema = !t.relation.schema.isEmpty() && t.relation.schema != defaultSchema(dialect);
        s += ownSchema ? QStringLiteral("        return Table<%1>(%2, %3)\n").arg(qualified(), literal(t.relation.name), literal(t.relation.schema))
                       : QStringLiteral("        return Table<%1>(%2)\n").arg(qualified(), literal(t.relation.name));
        QString body;
        for (const catalog::ColumnInfo &c : t.columns) {
            if (c.isGenerated) {
                notes.append(QStringLiteral("generated column %1 is not mapped").arg(named(c.name)));
                continue;
            }
            body += columnLine(c, composite);
        }
        for (const catalog::ColumnInfo &c : t.columns) {
            if (hasServerValue(c) && !c.isGenerated)
                body += QStringLiteral("            .serverDefault(&%1::%2, %3)\n").arg(qualified(), members.value(c.name), literal(c.defaultValue));
        }
        body += keyAndConstraintLines();
        body += indexLines();
        body += foreignKeyLines();
        body.chop(1);   // the last newline: the statement's semicolon follows
        return s + body + QStringLiteral(";\n    }\n};\n");
    }

    QString run()
    {
        nameMembers();
        const QString mapping = mappingText();   // collects the notes
        QString out;
        out += lineComment(QStringLiteral("Table %1%2 (%3).")
                               .arg(t.relation.schema.isEmpty() ? QString() : t.relation.schema + QLatin1Char('.'), t.relation.name,
                                    dialect == dialect::DialectKind::Sqlite ? QStringLiteral("SQLite") : QStringLiteral("PostgreSQL")))
               + QLatin1Char('\n');
        for (const QString &n : notes)
            out += lineComment(QStringLiteral("Not mapped: ") + n) + QLatin1Char('\n');
        if (!options.namespaceName.isEmpty())
            out += QStringLiteral("namespace %1 {\n").arg(options.namespaceName);
        out += structText();
        if (!options.namespaceName.isEmpty())
            out += QStringLiteral("} // namespace %1\n").arg(options.namespaceName);
        return out + QLatin1Char('\n') + mapping;
    }
};

} // namespace

QString generateMapping(const catalog::TableDetail &table, dialect::DialectKind dialect, const CodegenOptions &options)
{
    Generator g{table, dialect, options, options.structName.isEmpty() ? cppIdentifier(table.relation.name, true) : options.structName, {}, {}, {}};
    return g.run();
}

QString generateMappingFile(const QList<catalog::TableDetail> &tables, dialect::DialectKind dialect,
                            const CodegenOptions &options)
{
    CodegenOptions o = options;
    for (const catalog::TableDetail &t : tables) {
        o.primaryKeys.insert(t.relation.schema + QLatin1Char('.') + t.relation.name, t.primaryKey());
        if (!o.primaryKeys.contains(t.relation.name))
            o.primaryKeys.insert(t.relation.name, t.primaryKey());
    }
    QString out = QStringLiteral("// Generated by strata-migrate codegen: C++ mappings of existing tables.\n"
                                 "#pragma once\n\n#include \"%1\"\n\n#include <optional>\n")
                      .arg(o.includePath);
    QSet<QString> used;
    for (const catalog::TableDetail &t : tables) {
        CodegenOptions one = o;
        QString name = tables.size() == 1 && !options.structName.isEmpty() ? options.structName : cppIdentifier(t.relation.name, true);
        const QString base = name;
        for (int n = 2; used.contains(name); ++n)
            name = base + QString::number(n);
        used.insert(name);
        one.structName = name;
        out += QLatin1Char('\n') + generateMapping(t, dialect, one);
    }
    return out;
}

} // namespace strata::mapping
