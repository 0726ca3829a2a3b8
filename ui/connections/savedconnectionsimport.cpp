// SavedConnections: import (every supported format, always reviewed first) and export.

#include "savedconnections.h"

#include "connection/pgenvironment.h"
#include "importreviewdialog.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>

namespace strata::ui {

using connection::ImportResult;

namespace {

Result<QByteArray> readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(ErrorKind::Io, QStringLiteral("Cannot read %1: %2").arg(path, f.errorString()));
    return f.readAll();
}

} // namespace

QMenu *SavedConnections::createImportMenu(QWidget *parent)
{
    auto *menu = new QMenu(tr("&Import connections"), parent);
    const std::pair<QString, ImportKind> entries[] = {
        {tr("pgAdmin servers.json…"), ImportKind::PgAdmin},
        {tr("DBeaver data-sources.json…"), ImportKind::DBeaver},
        {tr("pg_service.conf services"), ImportKind::ServiceFile},
        {tr("~/.pgpass entries"), ImportKind::PgPass},
        {tr("DATABASE_URL from a .env file…"), ImportKind::DotEnv},
        {tr("List of URLs (one per line)…"), ImportKind::UrlList},
        {tr("Strata export (JSON)…"), ImportKind::StrataJson},
    };
    for (const auto &[label, kind] : entries)
        menu->addAction(label, this, [this, kind = kind] { importConnections(kind); });
    return menu;
}

void SavedConnections::importConnections(ImportKind kind)
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QString path;
    switch (kind) {
    case ImportKind::ServiceFile: path = connection::serviceFilePath(env); break;
    case ImportKind::PgPass: path = connection::passwordFilePath(env); break;
    default: break;
    }
    if (path.isEmpty() || !QFileInfo::exists(path)) {
        const QString filter = kind == ImportKind::PgAdmin || kind == ImportKind::DBeaver || kind == ImportKind::StrataJson
                                   ? tr("JSON files (*.json);;All files (*)")
                                   : tr("All files (*)");
        path = QFileDialog::getOpenFileName(m_window, tr("Import connections"), QDir::homePath(), filter);
        if (path.isEmpty())
            return;
    }
    Result<ImportResult> result = Error(ErrorKind::Internal, QString());
    if (kind == ImportKind::ServiceFile) {
        result = connection::importServiceFile(path);
    } else if (kind == ImportKind::PgPass) {
        result = connection::importPgPass(path);
    } else if (kind == ImportKind::DotEnv) {
        result = connection::importDotEnv(path, QFileInfo(path).absolutePath());
    } else {
        const Result<QByteArray> bytes = readFile(path);
        if (!bytes)
            result = bytes.error();
        else if (kind == ImportKind::UrlList)
            result = connection::importUrlList(QString::fromUtf8(bytes.value()), QFileInfo(path).absolutePath());
        else if (kind == ImportKind::PgAdmin)
            result = connection::importPgAdminServers(bytes.value());
        else if (kind == ImportKind::DBeaver)
            result = connection::importDBeaverDataSources(bytes.value());
        else
            result = connection::importProfilesJson(bytes.value());
    }
    if (!result) {
        QMessageBox::warning(m_window, tr("Cannot import %1").arg(QDir::toNativeSeparators(path)), result.error().message);
        return;
    }
    ImportReviewDialog review(QDir::toNativeSeparators(path), result.value(), m_window);
    if (review.exec() == QDialog::Accepted) {
        const int saved = saveImported(review.selected());
        Q_EMIT notice(tr("Imported %n connection(s).", nullptr, saved));
    }
}

int SavedConnections::saveImported(const QList<connection::ImportCandidate> &candidates)
{
    int saved = 0;
    for (connection::ImportCandidate c : candidates) {
        c.profile.id.clear();
        if (!m_store->save(c.profile))
            continue;
        ++saved;
        if (c.password)
            m_credentials->writePassword(c.profile.id, *c.password, this, {});
    }
    return saved;
}

void SavedConnections::exportConnections()
{
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Export connections"),
                                                      QDir::homePath() + QStringLiteral("/strata-connections.json"),
                                                      tr("JSON files (*.json)"));
    if (path.isEmpty())
        return;
    QFile f(path);
    const QByteArray json = connection::exportProfilesJson(m_store->profiles());   // never with passwords
    if (!f.open(QIODevice::WriteOnly) || f.write(json) != json.size()) {
        QMessageBox::warning(m_window, tr("Cannot export"), tr("Cannot write %1: %2").arg(path, f.errorString()));
        return;
    }
    Q_EMIT notice(tr("Exported %n connection(s) to %1 (without passwords).", nullptr, int(m_store->profiles().size()))
                      .arg(QDir::toNativeSeparators(path)));
}

} // namespace strata::ui
