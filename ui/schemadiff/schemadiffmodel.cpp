#include "schemadiffmodel.h"

#include <QFont>
#include <QHash>

namespace strata::ui {

namespace ops = migrate::ops;

SchemaDiffModel::SchemaDiffModel(QObject *parent)
    : QStandardItemModel(parent)
{
    setHorizontalHeaderLabels({tr("Difference")});
    connect(this, &QStandardItemModel::itemChanged, this, &SchemaDiffModel::onItemChanged);
}

void SchemaDiffModel::setOperations(const QList<ops::Operation> &operations)
{
    m_updating = true;
    removeRows(0, rowCount());
    m_operations = operations;
    QHash<QString, QStandardItem *> owners;
    for (int i = 0; i < operations.size(); ++i) {
        const DiffEntry e = diffEntry(operations[i]);
        QStandardItem *owner = owners.value(e.owner);
        if (!owner) {
            owner = new QStandardItem(objectIcon(e.icon == ObjectIcon::Column || e.icon == ObjectIcon::Index
                                                         || e.icon == ObjectIcon::ForeignKey
                                                         || e.icon == ObjectIcon::Constraint
                                                     ? ObjectIcon::Table : e.icon),
                                      e.owner);
            owner->setCheckable(true);
            owner->setUserTristate(false);
            owner->setEditable(false);
            owner->setData(e.owner, OwnerRole);
            QFont bold = owner->font();
            bold.setBold(true);
            owner->setFont(bold);
            owners.insert(e.owner, owner);
            appendRow(owner);
        }
        if (e.isOwnerItself) {
            owner->setForeground(changeColor(e.change));
            if (!e.previousOwner.isEmpty()) {
                owner->setText(tr("%1 (was %2)").arg(e.owner, e.previousOwner));
                owner->setData(e.previousOwner, PreviousOwnerRole);
            }
        }
        auto *leaf = new QStandardItem(objectIcon(e.icon), changeMark(e.change) + QLatin1Char(' ') + e.label);
        leaf->setCheckable(true);
        leaf->setCheckState(Qt::Checked);
        leaf->setEditable(false);
        leaf->setForeground(changeColor(e.change));
        leaf->setToolTip(ops::describe(operations[i]));
        leaf->setData(i, OperationRole);
        leaf->setData(e.owner, OwnerRole);
        owner->appendRow(leaf);
    }
    for (QStandardItem *owner : std::as_const(owners))
        updateOwnerState(owner);
    m_updating = false;
    Q_EMIT checkedChanged();
}

QList<QStandardItem *> SchemaDiffModel::leaves() const
{
    QList<QStandardItem *> out;
    for (int r = 0; r < rowCount(); ++r) {
        QStandardItem *owner = item(r);
        for (int c = 0; c < owner->rowCount(); ++c)
            out << owner->child(c);
    }
    return out;
}

QList<ops::Operation> SchemaDiffModel::checkedOperations() const
{
    QList<bool> checked(m_operations.size(), false);
    for (QStandardItem *leaf : leaves())
        checked[leaf->data(OperationRole).toInt()] = leaf->checkState() == Qt::Checked;
    QList<ops::Operation> out;
    for (int i = 0; i < m_operations.size(); ++i)
        if (checked[i])
            out << m_operations[i];
    return out;
}

int SchemaDiffModel::checkedCount() const
{
    int n = 0;
    for (QStandardItem *leaf : leaves())
        n += leaf->checkState() == Qt::Checked;
    return n;
}

QModelIndex SchemaDiffModel::indexOfOperation(int operationIndex) const
{
    for (QStandardItem *leaf : leaves())
        if (leaf->data(OperationRole).toInt() == operationIndex)
            return leaf->index();
    return {};
}

QModelIndex SchemaDiffModel::indexOfOwner(const QString &owner) const
{
    for (int r = 0; r < rowCount(); ++r)
        if (item(r)->data(OwnerRole).toString() == owner)
            return item(r)->index();
    return {};
}

void SchemaDiffModel::setOperationChecked(int operationIndex, bool checked)
{
    if (QStandardItem *leaf = itemFromIndex(indexOfOperation(operationIndex)))
        leaf->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

void SchemaDiffModel::onItemChanged(QStandardItem *changed)
{
    if (m_updating)
        return;
    m_updating = true;
    if (!changed->parent()) {
        // A table's box ticks or unticks all of its operations.
        const Qt::CheckState state = changed->checkState() == Qt::Unchecked ? Qt::Unchecked : Qt::Checked;
        changed->setCheckState(state);
        for (int c = 0; c < changed->rowCount(); ++c)
            changed->child(c)->setCheckState(state);
    } else {
        updateOwnerState(changed->parent());
    }
    m_updating = false;
    Q_EMIT checkedChanged();
}

void SchemaDiffModel::updateOwnerState(QStandardItem *owner)
{
    int checked = 0;
    for (int c = 0; c < owner->rowCount(); ++c)
        checked += owner->child(c)->checkState() == Qt::Checked;
    owner->setCheckState(checked == 0 ? Qt::Unchecked : checked == owner->rowCount() ? Qt::Checked : Qt::PartiallyChecked);
}

} // namespace strata::ui
