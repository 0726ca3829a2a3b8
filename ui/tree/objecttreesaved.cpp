// ObjectTreeModel: saved connections and their folders (the connection manager's part of
// the tree). Loading a connection's contents is in objecttreemodel.cpp.

#include "connection/connection.h"
#include "objecttreeitems.h"
#include "objecttreemodel.h"
#include "widgets/colortags.h"
#include "widgets/objecticons.h"

#include <QFont>
#include <QSet>

namespace strata::ui {

using connection::ConnectionProfile;
using treeitems::Row;

namespace {

/// What a disconnected saved connection shows beside its name: short, the tooltip has the
/// whole URL.
QString locationText(const ConnectionProfile &p)
{
    QString text;
    if (p.isSqlite()) {
        text = p.inMemory ? QStringLiteral(":memory:") : p.filePath.section(QLatin1Char('/'), -1);
    } else {
        text = p.host.isEmpty() ? QStringLiteral("localhost") : p.host;
        if (p.port > 0 && p.port != 5432)
            text += QLatin1Char(':') + QString::number(p.port);
    }
    // The detail column sizes to its widest text: keep it from squeezing the names.
    constexpr qsizetype kMax = 22;
    if (text.size() > kMax)
        text = text.left(kMax / 2 - 1) + QChar(0x2026) + text.right(kMax / 2);
    return text;
}

} // namespace

QStandardItem *ObjectTreeModel::parentOrRoot(QStandardItem *item)
{
    return item->parent() ? item->parent() : invisibleRootItem();
}

QStandardItem *ObjectTreeModel::savedItem(const QString &profileId) const
{
    if (profileId.isEmpty())
        return nullptr;
    const QModelIndex found = profileIndex(profileId);
    return found.isValid() ? itemFromIndex(found) : nullptr;
}

QModelIndex ObjectTreeModel::profileIndex(const QString &profileId) const
{
    if (profileId.isEmpty())
        return QModelIndex();
    for (int row = 0; row < rowCount(); ++row) {
        const QModelIndex idx = index(row, 0);
        if (NodeKind(idx.data(KindRole).toInt()) == NodeKind::Group) {
            for (int child = 0; child < rowCount(idx); ++child)
                if (index(child, 0, idx).data(ProfileIdRole).toString() == profileId)
                    return index(child, 0, idx);
        } else if (idx.data(ProfileIdRole).toString() == profileId) {
            return idx;
        }
    }
    return QModelIndex();
}

int ObjectTreeModel::connectionIdForProfile(const QString &profileId) const
{
    const QModelIndex idx = profileIndex(profileId);
    const int id = idx.data(ConnectionIdRole).toInt();
    return connection(id) ? id : 0;
}

QStandardItem *ObjectTreeModel::groupItem(const QString &group, bool create)
{
    for (int row = 0; row < rowCount(); ++row) {
        QStandardItem *it = item(row, 0);
        if (NodeKind(it->data(KindRole).toInt()) == NodeKind::Group && it->text() == group)
            return it;
    }
    if (!create)
        return nullptr;
    Row row = treeitems::makeRow(NodeKind::Group, group, QString(), objectIcon(ObjectIcon::Folder));
    row[0]->setData(group, NameRole);
    row[0]->setData(int(LoadState::Loaded), LoadStateRole);
    appendRow(row);
    return row[0];
}

void ObjectTreeModel::decorateConnection(QStandardItem *item, const ConnectionProfile &profile)
{
    const QColor color = colorForTag(profile.colorTag);
    const QIcon base = objectIcon(profile.isSqlite() ? ObjectIcon::SqliteConnection : ObjectIcon::PostgresConnection);
    item->setText(profile.displayName());
    item->setIcon(taggedIcon(base, color));
    item->setData(profile.id, ProfileIdRole);
    item->setData(profile.colorTag, ColorTagRole);
    item->setData(profile.lastUsed, LastUsedRole);
    item->setData(profile.displayName(), NameRole);
    QString tip = profile.isSqlite() ? (profile.inMemory ? QStringLiteral(":memory:") : profile.filePath)
                                     : connection::toUrl(profile);   // never a password
    if (!profile.colorTag.isEmpty())
        tip += QStringLiteral("\n") + tr("Tag: %1").arg(profile.colorTag);
    if (profile.readOnly)
        tip += QStringLiteral("\n") + tr("Read-only");
    if (!profile.notes.isEmpty())
        tip += QStringLiteral("\n") + profile.notes;
    item->setToolTip(tip);
    QFont font = item->font();
    font.setBold(isDangerTag(profile.colorTag));
    item->setFont(font);
    const QBrush tint = color.isValid() ? QBrush(QColor(color.red(), color.green(), color.blue(), 34)) : QBrush();
    item->setBackground(tint);
    if (QStandardItem *detail = parentOrRoot(item)->child(item->row(), 1))
        detail->setBackground(tint);
}

void ObjectTreeModel::resetConnectionNode(QStandardItem *item, int connectionId)
{
    item->setData(item->data(GenerationRole).toInt() + 1, GenerationRole);   // drop late loads
    item->removeRows(0, item->rowCount());
    item->setData(int(LoadState::NotLoaded), LoadStateRole);
    // Last: once it has a connection, a view may start loading it right away.
    item->setData(connectionId, ConnectionIdRole);
    if (connectionId == 0) {
        if (QStandardItem *detail = parentOrRoot(item)->child(item->row(), 1)) {
            detail->setData(QVariant(), Qt::ForegroundRole);
            detail->setText(item->data(SavedDetailRole).toString());
        }
    }
}

void ObjectTreeModel::setSavedProfiles(const QList<ConnectionProfile> &profiles)
{
    QSet<QString> ids;
    for (const ConnectionProfile &p : profiles) {
        ids.insert(p.id);
        QStandardItem *wanted = p.group.isEmpty() ? invisibleRootItem() : groupItem(p.group, true);
        QStandardItem *node = savedItem(p.id);
        if (!node) {
            Row row = treeitems::makeRow(NodeKind::Connection, p.displayName(), QString(), QIcon());
            row[0]->setData(0, ConnectionIdRole);
            wanted->appendRow(row);
            node = row[0];
        } else if (parentOrRoot(node) != wanted) {
            Row row = parentOrRoot(node)->takeRow(node->row());
            wanted->appendRow(row);
            node = row[0];
        }
        decorateConnection(node, p);
        node->setData(locationText(p), SavedDetailRole);
        if (!connection(node->data(ConnectionIdRole).toInt()))
            parentOrRoot(node)->child(node->row(), 1)->setText(locationText(p));
    }
    // Profiles deleted meanwhile: an open connection stays as an unsaved node.
    QList<QStandardItem *> gone;
    for (int row = 0; row < rowCount(); ++row) {
        QStandardItem *top = item(row, 0);
        QList<QStandardItem *> candidates{top};
        if (NodeKind(top->data(KindRole).toInt()) == NodeKind::Group)
            for (int child = 0; child < top->rowCount(); ++child)
                candidates << top->child(child, 0);
        for (QStandardItem *c : candidates) {
            const QString id = c->data(ProfileIdRole).toString();
            if (NodeKind(c->data(KindRole).toInt()) == NodeKind::Connection && !id.isEmpty() && !ids.contains(id))
                gone << c;
        }
    }
    for (QStandardItem *c : gone) {
        if (connection(c->data(ConnectionIdRole).toInt())) {
            c->setData(QString(), ProfileIdRole);
            if (c->parent())
                appendRow(c->parent()->takeRow(c->row()));
        } else {
            parentOrRoot(c)->removeRow(c->row());
        }
    }
    removeEmptyGroups();
}

void ObjectTreeModel::removeEmptyGroups()
{
    for (int row = rowCount() - 1; row >= 0; --row) {
        QStandardItem *top = item(row, 0);
        if (NodeKind(top->data(KindRole).toInt()) != NodeKind::Group)
            continue;
        if (top->rowCount() == 0)
            removeRow(row);
        else
            item(row, 1)->setText(QString::number(top->rowCount()));
    }
}

} // namespace strata::ui
