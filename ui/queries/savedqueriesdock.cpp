#include "savedqueriesdock.h"

#include <QDir>
#include <QFileDialog>
#include <QFileSystemWatcher>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QSettings>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace strata::ui {

namespace {

QString settingsKey(const QString &connectionKey)
{
    return QStringLiteral("savedQueries/folders/")
         + QString::fromLatin1(connectionKey.toUtf8().toBase64(QByteArray::Base64UrlEncoding));
}

QToolButton *toolButton(QWidget *parent, const QString &text, const QString &tip, QStyle::StandardPixmap icon)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(tip);
    button->setAccessibleName(tip);
    button->setIcon(parent->style()->standardIcon(icon));
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    return button;
}

}   // namespace

SavedQueriesPanel::SavedQueriesPanel(QWidget *parent)
    : QWidget(parent)
    , m_folderLabel(new QLabel(this))
    , m_search(new QLineEdit(this))
    , m_list(new QListWidget(this))
    , m_watcher(new QFileSystemWatcher(this))
{
    setObjectName(QStringLiteral("SavedQueriesPanel"));
    m_saveButton =
        toolButton(this, tr("Save…"), tr("Save the console's text as a query in this folder"), QStyle::SP_DialogSaveButton);
    m_folderButton = toolButton(this, tr("Folder…"), tr("Use another folder for this connection's queries (e.g. a project's)"),
                                QStyle::SP_DirOpenIcon);
    m_removeButton = toolButton(this, QString(), tr("Delete the selected query's file"), QStyle::SP_TrashIcon);
    m_removeButton->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_search->setPlaceholderText(tr("Search saved queries…"));
    m_search->setClearButtonEnabled(true);
    m_search->setObjectName(QStringLiteral("savedQueriesSearch"));
    m_list->setObjectName(QStringLiteral("savedQueriesList"));
    m_folderLabel->setForegroundRole(QPalette::PlaceholderText);
    // A long path must not widen the dock: the label shows what fits, the tooltip all.
    m_folderLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_folderLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_saveButton);
    buttons->addWidget(m_folderButton);
    buttons->addStretch();
    buttons->addWidget(m_removeButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(buttons);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_folderLabel);

    connect(m_search, &QLineEdit::textChanged, this, &SavedQueriesPanel::reload);
    connect(m_list, &QListWidget::itemActivated, this, &SavedQueriesPanel::open);
    connect(m_saveButton, &QToolButton::clicked, this, &SavedQueriesPanel::saveRequested);
    connect(m_folderButton, &QToolButton::clicked, this, &SavedQueriesPanel::chooseFolder);
    connect(m_removeButton, &QToolButton::clicked, this, &SavedQueriesPanel::removeCurrent);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &SavedQueriesPanel::reload);
    setConnection({}, {});
}

void SavedQueriesPanel::setConnection(const QString &connectionKey, const QString &defaultFolder)
{
    m_key = connectionKey;
    const QString folder =
        connectionKey.isEmpty() ? QString() : QSettings().value(settingsKey(connectionKey), defaultFolder).toString();
    if (!m_watcher->directories().isEmpty())
        m_watcher->removePaths(m_watcher->directories());
    m_folder = folder;
    if (!m_folder.isEmpty() && QDir(m_folder).exists())
        m_watcher->addPath(m_folder);
    for (QWidget *w : std::initializer_list<QWidget *>{m_saveButton, m_folderButton, m_search, m_list})
        w->setEnabled(!m_key.isEmpty());
    m_folderLabel->setText(m_key.isEmpty() ? tr("Open a connection to see its saved queries.")
                                           : tr("In %1").arg(QDir::toNativeSeparators(m_folder)));
    m_folderLabel->setToolTip(QDir::toNativeSeparators(m_folder));
    reload();
}

void SavedQueriesPanel::reload()
{
    m_list->clear();
    m_queries.clear();
    if (m_folder.isEmpty())
        return;
    Result<QList<queries::SavedQuery>> all = queries::SavedQueryFolder(m_folder).list();
    if (!all) {
        m_folderLabel->setText(all.error().message);
        return;
    }
    m_queries = queries::SavedQueryFolder::filter(*all, m_search->text());
    for (const queries::SavedQuery &query : std::as_const(m_queries)) {
        auto *item = new QListWidgetItem(style()->standardIcon(QStyle::SP_FileIcon), query.name, m_list);
        item->setToolTip(query.text.left(400));
    }
    m_removeButton->setEnabled(!m_queries.isEmpty());
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
}

Result<QString> SavedQueriesPanel::save(const QString &name, const QString &text)
{
    const queries::SavedQueryFolder folder(m_folder);
    Result<QString> saved = folder.save(name, text);
    if (!saved && saved.error().kind == ErrorKind::Conflict
        && QMessageBox::question(this, tr("Replace saved query"), tr("%1 exists already. Replace it?").arg(name))
               == QMessageBox::Yes)
        saved = folder.save(name, text, true);
    if (saved && m_watcher->directories().isEmpty())
        m_watcher->addPath(m_folder);   // the folder was just created
    reload();
    return saved;
}

void SavedQueriesPanel::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder of saved queries"), m_folder);
    if (folder.isEmpty() || m_key.isEmpty())
        return;
    QSettings().setValue(settingsKey(m_key), folder);
    setConnection(m_key, folder);
}

void SavedQueriesPanel::removeCurrent()
{
    QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    if (QMessageBox::question(this, tr("Delete saved query"), tr("Delete the file %1.sql?").arg(item->text()))
        != QMessageBox::Yes)
        return;
    (void)queries::SavedQueryFolder(m_folder).remove(item->text());
    reload();
}

void SavedQueriesPanel::open(QListWidgetItem *item)
{
    const int row = m_list->row(item);
    if (row >= 0 && row < m_queries.size())
        Q_EMIT openRequested(m_queries.at(row).text);
}

}   // namespace strata::ui
