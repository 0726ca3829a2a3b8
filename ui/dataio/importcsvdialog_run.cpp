// ImportCsvDialog, second half: the column mapping and running the import on the worker.

#include "importcsvdialog.h"

#include "catalog/catalogjobs.h"
#include "connection/connection.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>

namespace strata::ui {

using namespace data::io;
using connection::Connection;

void ImportCsvDialog::fillMapping()
{
    const bool header = m_header->isChecked();
    const QStringList names = m_previewData.columnNames(header);
    const QList<ColumnType> types = m_previewData.inferTypes(header);
    const bool existing = m_existing->isChecked();
    const dialect::DialectKind kind = m_spec.profile.driver;
    m_mapping->setRowCount(0);
    m_mapping->setRowCount(static_cast<int>(names.size()));
    for (int r = 0; r < names.size(); ++r) {
        auto *source = new QTableWidgetItem(names.at(r));
        source->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        source->setCheckState(Qt::Checked);
        m_mapping->setItem(r, 0, source);
        if (existing) {
            source->setFlags(Qt::ItemIsEnabled);
            auto *target = new QComboBox(m_mapping);
            target->addItem(tr("(skip)"));
            target->addItems(m_targetColumns);
            // Same name (any case), else the same position when the file has no header.
            int match = -1;
            for (int t = 0; t < m_targetColumns.size() && match < 0; ++t)
                if (m_targetColumns.at(t).compare(names.at(r), Qt::CaseInsensitive) == 0)
                    match = t;
            if (match < 0 && !header && r < m_targetColumns.size())
                match = r;
            target->setCurrentIndex(match + 1);
            auto *typeItem = new QTableWidgetItem(match >= 0 ? m_targetTypes.at(match) : QString());
            typeItem->setFlags(Qt::ItemIsEnabled);
            m_mapping->setItem(r, 2, typeItem);
            connect(target, &QComboBox::currentIndexChanged, this, [this, typeItem](int index) {
                typeItem->setText(index > 0 ? m_targetTypes.at(index - 1) : QString());
            });
            m_mapping->setCellWidget(r, 1, target);
        } else {
            m_mapping->setItem(r, 1, new QTableWidgetItem(names.at(r)));
            auto *type = new QComboBox(m_mapping);
            for (ColumnType t : allColumnTypes())
                type->addItem(QStringLiteral("%1  (%2)").arg(columnTypeLabel(t), columnTypeName(t, kind)),
                              static_cast<int>(t));
            type->setCurrentIndex(type->findData(static_cast<int>(types.value(r))));
            m_mapping->setCellWidget(r, 2, type);
        }
    }
}

void ImportCsvDialog::loadTargetColumns()
{
    const QString table = m_tableName->text().trimmed();
    if (table.isEmpty())
        return;
    m_status->setText(tr("Reading the columns of %1…").arg(table));
    ensureConnection([this, table] {
        const QString schema = !m_schema.isEmpty() ? m_schema
                             : m_spec.profile.isPostgres() ? QStringLiteral("public") : QStringLiteral("main");
        catalog::fetchTableDetail(*m_connection, this, schema, table, [this, table](Result<catalog::TableDetail> detail) {
            m_targetColumns.clear();
            m_targetTypes.clear();
            if (!detail) {
                m_status->setText(tr("Cannot read the table %1: %2").arg(table, detail.error().message));
            } else {
                for (const catalog::ColumnInfo &column : detail->columns) {
                    m_targetColumns << column.name;
                    m_targetTypes << column.dataType;
                }
                m_status->setText(tr("Map each CSV column to a column of %1, or skip it.").arg(table));
            }
            fillMapping();
            Q_EMIT targetColumnsLoaded(detail.ok());
        });
    });
}

ImportOptions ImportCsvDialog::importOptions() const
{
    ImportOptions options;
    options.csv = csvOptions();
    options.schema = m_schema;
    options.table = m_tableName->text().trimmed();
    options.createTable = m_newTable->isChecked();
    options.progressEvery = 5000;
    for (int r = 0; r < m_mapping->rowCount(); ++r) {
        if (options.createTable) {
            const auto *type = qobject_cast<QComboBox *>(m_mapping->cellWidget(r, 2));
            if (m_mapping->item(r, 0)->checkState() != Qt::Checked || !type)
                continue;
            options.columns << ImportColumn{r, m_mapping->item(r, 1)->text().trimmed(),
                                            static_cast<ColumnType>(type->currentData().toInt())};
        } else {
            const auto *target = qobject_cast<QComboBox *>(m_mapping->cellWidget(r, 1));
            if (!target || target->currentIndex() <= 0)
                continue;
            const int t = target->currentIndex() - 1;
            options.columns << ImportColumn{r, m_targetColumns.at(t), columnTypeFromDeclared(m_targetTypes.at(t))};
        }
    }
    return options;
}

void ImportCsvDialog::ensureConnection(std::function<void()> then)
{
    if (!m_connection)
        m_connection = new Connection(m_spec.profile, QStringLiteral("import"));
    if (m_connection->state() == Connection::State::Open) {
        then();
        return;
    }
    m_connection->open(m_spec.password, [this, then](const Result<connection::ServerInfo> &opened) {
        if (opened)
            then();
        else
            onDone(opened.error());
    });
}

void ImportCsvDialog::startImport()
{
    if (m_running || m_path.isEmpty())
        return;
    if (m_spec.profile.readOnly) {
        m_status->setText(tr("This connection is read-only: nothing can be imported."));
        return;
    }
    const ImportOptions options = importOptions();
    if (options.table.isEmpty()) {
        m_status->setText(tr("Name the target table."));
        m_tableName->setFocus();
        return;
    }
    if (options.columns.isEmpty()) {
        m_status->setText(tr("Choose at least one column to import."));
        return;
    }
    setRunning(true);
    m_cancel = std::make_shared<CancelToken>(false);
    m_status->setText(tr("Connecting…"));
    ensureConnection([this] { runImport(); });
}

void ImportCsvDialog::runImport()
{
    if (m_cancel->load()) {
        onDone(Error(ErrorKind::Cancelled, tr("Cancelled")));
        return;
    }
    m_timer.start();
    m_status->setText(tr("Importing…"));
    const ImportOptions options = importOptions();
    const QString path = m_path;
    std::shared_ptr<CancelToken> cancel = m_cancel;
    m_connection->run<qint64>(this, [this, options, path, cancel](connection::JobContext &jc) -> Result<qint64> {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return Error(ErrorKind::Io, tr("Cannot read %1: %2").arg(path, file.errorString()));
        auto progress = [this](const Progress &p) {
            QMetaObject::invokeMethod(this, [this, p] { onProgress(p); }, Qt::QueuedConnection);
        };
        return importCsv(jc.db, file, options, progress, cancel.get());
    }, [this](Result<qint64> result) { onDone(result); });
}

void ImportCsvDialog::onProgress(const Progress &progress)
{
    if (!m_running)
        return;
    if (progress.totalBytes > 0)
        m_progress->setValue(static_cast<int>(1000 * progress.bytes / progress.totalBytes));
    m_status->setText(tr("%1 rows imported…").arg(QLocale().toString(progress.rows)));
}

void ImportCsvDialog::onDone(const Result<qint64> &result)
{
    setRunning(false);
    if (result) {
        m_progress->setValue(m_progress->maximum());
        const QString message = tr("Imported %1 rows into %2 in %3 s.")
                                    .arg(QLocale().toString(result.value()), m_tableName->text())
                                    .arg(m_timer.elapsed() / 1000.0, 0, 'f', 1);
        m_status->setText(message);
        Q_EMIT finished(true, result.value(), message);
        return;
    }
    m_progress->setValue(0);
    const Error &error = result.error();
    const bool cancelled = error.isCancelled() || (m_cancel && m_cancel->load());
    m_status->setText(cancelled ? tr("Import cancelled; nothing was written.")
                                : tr("Import failed, nothing was written: %1").arg(error.message));
    Q_EMIT finished(false, 0, error.message);
}

void ImportCsvDialog::setRunning(bool running)
{
    m_running = running;
    m_importButton->setEnabled(!running);
    m_file->setReadOnly(running);
    m_buttons->button(QDialogButtonBox::Close)->setText(running ? tr("&Cancel") : tr("&Close"));
    if (running)
        m_progress->setValue(0);
}

void ImportCsvDialog::reject()
{
    if (m_running) {
        if (m_cancel)
            m_cancel->store(true);
        if (m_connection)
            m_connection->cancel();
        m_status->setText(tr("Cancelling…"));
        return;
    }
    QDialog::reject();
}

} // namespace strata::ui
