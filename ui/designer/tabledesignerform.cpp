// TableDesignerTab: the table the form describes, the checks that keep it savable, and
// filling the form from a table.

#include "tabledesignertab.h"

#include <QLineEdit>
#include <QSet>
#include <QTableWidget>

namespace strata::ui {

namespace {

QStringList splitNames(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    return out;
}

QString cellText(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

bool cellChecked(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item && item->checkState() == Qt::Checked;
}

QString originalName(const QTableWidget *table, int row)
{
    const QTableWidgetItem *item = table->item(row, 0);
    return item ? item->data(Qt::UserRole).toString() : QString();
}

/// Indexes the form does not show: the primary key's and SQLite's automatic ones, which
/// follow the key and the unique constraints.
bool isImplicitIndex(const catalog::IndexInfo &index)
{
    return index.primary || index.name.startsWith(QLatin1String("sqlite_autoindex_"));
}

template <typename T, typename Same>
T reuseOriginal(const QList<T> &originals, const QString &name, const T &fresh, Same same)
{
    for (const T &o : originals)
        if (o.name == name && same(o, fresh))
            return o;   // unchanged: keep what the catalog read (definition, method, schema)
    return fresh;
}

} // namespace

const catalog::TableDetail *TableDesignerTab::original() const
{
    return m_original ? &*m_original : nullptr;
}

QList<catalog::ColumnInfo> TableDesignerTab::designColumns() const
{
    QList<catalog::ColumnInfo> columns;
    QStringList keyNames;
    for (int row = 0; row < m_columns->rowCount(); ++row)
        if (cellChecked(m_columns, row, ColPrimaryKey))
            keyNames << cellText(m_columns, row, ColName);
    const bool sameKey = original() && QSet<QString>(keyNames.begin(), keyNames.end()) == [this] {
        const QStringList pk = m_original->primaryKey();
        return QSet<QString>(pk.begin(), pk.end());
    }();
    for (int row = 0; row < m_columns->rowCount(); ++row) {
        catalog::ColumnInfo c;
        const QString was = originalName(m_columns, row);
        if (original() && !was.isEmpty())
            if (const catalog::ColumnInfo *o = m_original->column(was))
                c = *o;
        const bool wasIdentity = c.isIdentity;
        c.name = cellText(m_columns, row, ColName);
        c.position = row + 1;
        c.dataType = cellText(m_columns, row, ColType);
        c.nullable = !cellChecked(m_columns, row, ColNotNull);
        c.defaultValue = cellText(m_columns, row, ColDefault);
        c.isIdentity = cellChecked(m_columns, row, ColIdentity);
        if (c.isIdentity && !wasIdentity && m_spec.profile.isPostgres())
            c.identityGeneration = QStringLiteral("BY DEFAULT");
        if (!c.isIdentity)
            c.identityGeneration.clear();
        const bool key = cellChecked(m_columns, row, ColPrimaryKey);
        if (!key)
            c.primaryKeyPosition = 0;
        else if (!sameKey || c.primaryKeyPosition == 0)
            c.primaryKeyPosition = int(keyNames.indexOf(c.name)) + 1;
        columns << c;
    }
    return columns;
}

catalog::TableDetail TableDesignerTab::design() const
{
    catalog::TableDetail t = original() ? *m_original : catalog::TableDetail{};
    t.relation.schema = m_schema;
    t.relation.name = m_name->text().trimmed();
    t.relation.kind = catalog::RelationKind::Table;
    t.columns = designColumns();
    const QList<catalog::IndexInfo> oldIndexes = t.indexes;
    t.indexes.clear();
    for (const catalog::IndexInfo &index : oldIndexes)
        if (isImplicitIndex(index))
            t.indexes << index;
    for (int row = 0; row < m_indexes->rowCount(); ++row) {
        catalog::IndexInfo index;
        index.name = cellText(m_indexes, row, IdxName);
        index.columns = splitNames(cellText(m_indexes, row, IdxColumns));
        index.isExpression = QList<bool>(index.columns.size(), false);
        index.unique = cellChecked(m_indexes, row, IdxUnique);
        t.indexes << reuseOriginal(oldIndexes, originalName(m_indexes, row), index, [](const auto &a, const auto &b) {
            return a.name == b.name && a.columns == b.columns && a.unique == b.unique;
        });
    }
    const QList<catalog::ForeignKeyInfo> oldKeys = t.foreignKeys;
    t.foreignKeys.clear();
    for (int row = 0; row < m_foreignKeys->rowCount(); ++row) {
        catalog::ForeignKeyInfo fk;
        fk.name = cellText(m_foreignKeys, row, FkName);
        fk.columns = splitNames(cellText(m_foreignKeys, row, FkColumns));
        fk.referencedSchema = m_schema;
        fk.referencedTable = cellText(m_foreignKeys, row, FkTable);
        fk.referencedColumns = splitNames(cellText(m_foreignKeys, row, FkReferenced));
        fk.onDelete = cellText(m_foreignKeys, row, FkOnDelete);
        fk.onUpdate = cellText(m_foreignKeys, row, FkOnUpdate);
        t.foreignKeys << reuseOriginal(oldKeys, originalName(m_foreignKeys, row), fk, [](const auto &a, const auto &b) {
            return a.columns == b.columns && a.referencedTable == b.referencedTable && a.referencedColumns == b.referencedColumns
                && a.onDelete == b.onDelete && a.onUpdate == b.onUpdate;
        });
    }
    const QList<catalog::ConstraintInfo> oldConstraints = t.constraints;
    t.constraints.clear();
    const QStringList key = t.primaryKey();
    for (catalog::ConstraintInfo c : oldConstraints) {
        if (c.kind == catalog::ConstraintKind::PrimaryKey && !key.isEmpty()) {
            c.columns = key;
            t.constraints << c;
        } else if (c.kind == catalog::ConstraintKind::Exclusion) {
            t.constraints << c;
        }
    }
    for (int row = 0; row < m_constraints->rowCount(); ++row) {
        catalog::ConstraintInfo c;
        c.name = cellText(m_constraints, row, ConName);
        const bool check = cellText(m_constraints, row, ConKind) == QLatin1String("CHECK");
        c.kind = check ? catalog::ConstraintKind::Check : catalog::ConstraintKind::Unique;
        if (check)
            c.expression = cellText(m_constraints, row, ConDefinition);
        else
            c.columns = splitNames(cellText(m_constraints, row, ConDefinition));
        t.constraints << reuseOriginal(oldConstraints, originalName(m_constraints, row), c, [](const auto &a, const auto &b) {
            return a.kind == b.kind && (a.kind == catalog::ConstraintKind::Check ? a.expression == b.expression : a.columns == b.columns);
        });
    }
    return t;
}

QStringList TableDesignerTab::designColumnNames() const
{
    QStringList names;
    for (int row = 0; row < m_columns->rowCount(); ++row)
        names << cellText(m_columns, row, ColName);
    return names;
}

QStringList TableDesignerTab::columnsOf(const QString &table) const
{
    if (table == m_name->text().trimmed())
        return designColumnNames();
    QStringList names;
    if (m_before)
        if (const catalog::TableDetail *t = m_before->table(table))
            for (const catalog::ColumnInfo &c : t->columns)
                names << c.name;
    return names;
}

QStringList TableDesignerTab::validate() const
{
    QStringList problems;
    const QString name = m_name->text().trimmed();
    if (name.isEmpty())
        problems << tr("The table needs a name.");
    else if (m_before && name != m_originalName && (m_before->table(name) || m_before->view(name)))
        problems << tr("A table or view named “%1” already exists in %2.").arg(name, m_schema);
    const QStringList columns = designColumnNames();
    if (columns.isEmpty())
        problems << tr("Add at least one column.");
    QSet<QString> seen;
    for (int row = 0; row < columns.size(); ++row) {
        if (columns[row].isEmpty())
            problems << tr("Column %1 has no name.").arg(row + 1);
        else if (seen.contains(columns[row].toLower()))
            problems << tr("Two columns are named “%1”.").arg(columns[row]);
        else if (cellText(m_columns, row, ColType).isEmpty())
            problems << tr("Column “%1” has no type.").arg(columns[row]);
        seen.insert(columns[row].toLower());
    }
    auto unknown = [&columns](const QStringList &names) {
        for (const QString &n : names)
            if (!columns.contains(n))
                return n;
        return QString();
    };
    QSet<QString> indexNames;
    for (int row = 0; row < m_indexes->rowCount(); ++row) {
        const QString index = cellText(m_indexes, row, IdxName);
        const QStringList cols = splitNames(cellText(m_indexes, row, IdxColumns));
        if (index.isEmpty())
            problems << tr("Index %1 has no name.").arg(row + 1);
        else if (indexNames.contains(index.toLower()))
            problems << tr("Two indexes are named “%1”.").arg(index);
        indexNames.insert(index.toLower());
        if (cols.isEmpty())
            problems << tr("Index “%1” has no columns.").arg(index);
        else if (const QString u = unknown(cols); !u.isEmpty())
            problems << tr("Index “%1” names a column the table does not have: %2.").arg(index, u);
    }
    for (int row = 0; row < m_foreignKeys->rowCount(); ++row) {
        const QStringList cols = splitNames(cellText(m_foreignKeys, row, FkColumns));
        const QString target = cellText(m_foreignKeys, row, FkTable);
        const QStringList refs = splitNames(cellText(m_foreignKeys, row, FkReferenced));
        const QString label = tr("Foreign key %1").arg(row + 1);
        if (cols.isEmpty())
            problems << tr("%1 has no columns.").arg(label);
        else if (const QString u = unknown(cols); !u.isEmpty())
            problems << tr("%1 names a column the table does not have: %2.").arg(label, u);
        if (target.isEmpty())
            problems << tr("%1 references no table.").arg(label);
        else if (target != name && !(m_before && m_before->table(target)))
            problems << tr("%1 references “%2”, which is not a table of %3.").arg(label, target, m_schema);
        else if (!refs.isEmpty() && refs.size() != cols.size())
            problems << tr("%1 has %2 column(s) but references %3.").arg(label).arg(cols.size()).arg(refs.size());
    }
    for (int row = 0; row < m_constraints->rowCount(); ++row) {
        const QString definition = cellText(m_constraints, row, ConDefinition);
        const bool check = cellText(m_constraints, row, ConKind) == QLatin1String("CHECK");
        if (definition.isEmpty())
            problems << (check ? tr("Check constraint %1 has no expression.") : tr("Unique constraint %1 has no columns.")).arg(row + 1);
        else if (!check)
            if (const QString u = unknown(splitNames(definition)); !u.isEmpty())
                problems << tr("Unique constraint %1 names a column the table does not have: %2.").arg(row + 1).arg(u);
    }
    return problems;
}

void TableDesignerTab::clearForm()
{
    for (QTableWidget *t : {m_columns, m_indexes, m_foreignKeys, m_constraints})
        t->setRowCount(0);
}

void TableDesignerTab::fillForm(const catalog::TableDetail *table)
{
    m_filling = true;
    clearForm();
    auto remember = [](QTableWidget *t, const QString &name) { t->item(t->rowCount() - 1, 0)->setData(Qt::UserRole, name); };
    if (!table) {
        m_name->setText(QString());
        const dialect::Dialect &d = dialect::dialectFor(m_spec.profile.driver);
        addColumn(QStringLiteral("id"), d.typeName(dialect::ColumnType::Integer), true, {}, true, true);
    } else {
        m_name->setText(table->relation.name);
        for (const catalog::ColumnInfo &c : table->columns) {
            addColumn(c.name, c.dataType, !c.nullable, c.defaultValue, c.primaryKeyPosition > 0, c.isIdentity);
            remember(m_columns, c.name);
        }
        for (const catalog::IndexInfo &i : table->indexes) {
            if (isImplicitIndex(i))
                continue;
            addIndex(i.name, i.columns, i.unique);
            remember(m_indexes, i.name);
        }
        for (const catalog::ForeignKeyInfo &fk : table->foreignKeys) {
            addForeignKey(fk.name, fk.columns, fk.referencedTable, fk.referencedColumns, fk.onDelete, fk.onUpdate);
            remember(m_foreignKeys, fk.name);
        }
        for (const catalog::ConstraintInfo &c : table->constraints) {
            if (c.kind != catalog::ConstraintKind::Unique && c.kind != catalog::ConstraintKind::Check)
                continue;
            const bool check = c.kind == catalog::ConstraintKind::Check;
            addConstraint(c.name, check, check ? c.expression : c.columns.join(QStringLiteral(", ")));
            remember(m_constraints, c.name);
        }
    }
    for (QTableWidget *t : {m_columns, m_indexes, m_foreignKeys, m_constraints})
        t->resizeColumnsToContents();
    m_filling = false;
    m_dirty = false;   // the form is the table as read (or as just saved)
    updatePreview();
}

} // namespace strata::ui
