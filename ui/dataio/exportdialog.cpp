#include "exportdialog.h"

#include "connection/connection.h"
#include "data/io/exporter.h"
#include "data/io/queryrowsource.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QToolButton>
#include <QVBoxLayout>

namespace strata::ui {

using namespace data::io;
using connection::Connection;

ExportDialog::ExportDialog(connection::ConnectionSpec spec, RowSourceFactory factory, const QString &suggestedName,
                           QWidget *parent)
    : QDialog(parent)
    , m_spec(std::move(spec))
    , m_factory(std::move(factory))
    , m_sqlTableName(suggestedName)
{
    setWindowTitle(tr("Export data — %1").arg(suggestedName));
    setObjectName(QStringLiteral("ExportDialog"));
    buildUi(suggestedName);
    updateOptionWidgets();
}

ExportDialog::~ExportDialog()
{
    // Stop the job and join the worker before any member goes away: the job posts
    // progress to this object.
    if (m_cancel)
        m_cancel->store(true);
    delete m_connection;
}

ExportDialog *ExportDialog::forTable(const connection::ConnectionSpec &spec, const QString &schema,
                                     const QString &table, QWidget *parent)
{
    const dialect::DialectKind kind = spec.profile.driver;
    auto *dialog = new ExportDialog(spec, [kind, schema, table](QSqlDatabase &db) {
        return openTableSource(db, dialect::dialectFor(kind), schema, table);
    }, table, parent);
    return dialog;
}

ExportDialog *ExportDialog::forQuery(const connection::ConnectionSpec &spec, const QString &sql,
                                     const QVariantList &values, QWidget *parent)
{
    const dialect::DialectKind kind = spec.profile.driver;
    return new ExportDialog(spec, [kind, sql, values](QSqlDatabase &db) {
        return openQuerySource(db, dialect::dialectFor(kind), sql, values);
    }, QStringLiteral("result"), parent);
}

QWidget *ExportDialog::buildOptionsBox(const QString &suggestedName)
{
    m_delimiter = new QComboBox(this);
    m_delimiter->addItem(tr("Comma  ,"), QStringLiteral(","));
    m_delimiter->addItem(tr("Semicolon  ;"), QStringLiteral(";"));
    m_delimiter->addItem(tr("Tab"), QStringLiteral("\t"));
    m_delimiter->addItem(tr("Pipe  |"), QStringLiteral("|"));
    m_quote = new QComboBox(this);
    m_quote->addItem(tr("Double quote  \""), QStringLiteral("\""));
    m_quote->addItem(tr("Single quote  '"), QStringLiteral("'"));
    m_header = new QCheckBox(tr("Write column names in the first line"), this);
    m_header->setChecked(true);
    m_nullText = new QLineEdit(this);
    m_nullText->setPlaceholderText(tr("empty field"));
    m_lineEnding = new QComboBox(this);
    m_lineEnding->addItem(tr("CRLF (RFC 4180, Windows)"), QStringLiteral("\r\n"));
    m_lineEnding->addItem(tr("LF (Unix)"), QStringLiteral("\n"));
    m_encoding = new QComboBox(this);
    m_encoding->addItem(tr("UTF-8"), static_cast<int>(TextEncoding::Utf8));
    m_encoding->addItem(tr("UTF-8 with BOM (Excel)"), static_cast<int>(TextEncoding::Utf8Bom));
    m_encoding->addItem(tr("Latin-1 (ISO 8859-1)"), static_cast<int>(TextEncoding::Latin1));
    m_bytes = new QComboBox(this);
    m_bytes->addItem(tr("Hex"), static_cast<int>(BytesFormat::Hex));
    m_bytes->addItem(tr("Base64"), static_cast<int>(BytesFormat::Base64));
    m_tableName = new QLineEdit(suggestedName, this);

    auto *optionsBox = new QGroupBox(tr("Options"), this);
    auto *form = new QFormLayout(optionsBox);
    form->addRow(tr("&Delimiter:"), m_delimiter);
    form->addRow(tr("&Quote:"), m_quote);
    form->addRow(QString(), m_header);
    form->addRow(tr("&NULL as:"), m_nullText);
    form->addRow(tr("&Line ending:"), m_lineEnding);
    form->addRow(tr("&Encoding:"), m_encoding);
    form->addRow(tr("&Bytes as:"), m_bytes);
    form->addRow(tr("&Table name:"), m_tableName);
    return optionsBox;
}

void ExportDialog::buildUi(const QString &suggestedName)
{
    m_format = new QComboBox(this);
    for (Format f : {Format::Csv, Format::Tsv, Format::JsonLines, Format::JsonArray, Format::Markdown, Format::SqlInsert})
        m_format->addItem(formatName(f), static_cast<int>(f));
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateOptionWidgets);

    QWidget *optionsBox = buildOptionsBox(suggestedName);

    m_file = new QLineEdit(this);
    m_file->setPlaceholderText(tr("Choose a file…"));
    auto *browse = new QToolButton(this);
    browse->setText(tr("Browse…"));
    connect(browse, &QToolButton::clicked, this, &ExportDialog::browse);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_exportButton = m_buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    connect(m_exportButton, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);

    auto *top = new QFormLayout;
    top->addRow(tr("&Format:"), m_format);
    top->addRow(tr("File:"), fileRow);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(optionsBox);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    resize(520, sizeHint().height());
}

void ExportDialog::updateOptionWidgets()
{
    const auto format = static_cast<Format>(m_format->currentData().toInt());
    const bool csv = format == Format::Csv;
    const bool delimited = csv || format == Format::Tsv;
    m_delimiter->setEnabled(csv);
    m_quote->setEnabled(csv);
    m_header->setEnabled(delimited);
    m_nullText->setEnabled(delimited || format == Format::Markdown);
    m_lineEnding->setEnabled(csv);
    m_bytes->setEnabled(format != Format::SqlInsert);
    m_tableName->setEnabled(format == Format::SqlInsert);
    m_bytes->setCurrentIndex(format == Format::JsonLines || format == Format::JsonArray ? 1 : 0);
    m_nullText->setText(format == Format::Markdown ? QStringLiteral("NULL") : QString());
    // Keep the file's suffix in step with the format.
    QString path = m_file->text();
    if (!path.isEmpty()) {
        const qsizetype dot = path.lastIndexOf(u'.');
        const qsizetype slash = path.lastIndexOf(u'/');
        if (dot > slash)
            path.truncate(dot);
        m_file->setText(path + u'.' + formatSuffix(format));
    }
}

ExportOptions ExportDialog::options() const
{
    const auto format = static_cast<Format>(m_format->currentData().toInt());
    ExportOptions o = ExportOptions::defaultsFor(format);
    if (format == Format::Csv) {
        o.delimiter = m_delimiter->currentData().toString().at(0);
        o.quote = m_quote->currentData().toString().at(0);
        o.lineEnding = m_lineEnding->currentData().toString();
    }
    o.header = m_header->isChecked();
    o.nullText = m_nullText->text();
    o.encoding = static_cast<TextEncoding>(m_encoding->currentData().toInt());
    o.bytes = o.jsonBytes = static_cast<BytesFormat>(m_bytes->currentData().toInt());
    o.tableName = m_tableName->text().isEmpty() ? m_sqlTableName : m_tableName->text();
    o.sqlDialect = m_spec.profile.driver;
    o.progressEvery = 5000;
    return o;
}

void ExportDialog::setFormat(Format format)
{
    m_format->setCurrentIndex(m_format->findData(static_cast<int>(format)));
}

void ExportDialog::setFilePath(const QString &path)
{
    m_file->setText(path);
}

void ExportDialog::browse()
{
    const auto format = static_cast<Format>(m_format->currentData().toInt());
    const QString suggested = m_file->text().isEmpty() ? m_sqlTableName + u'.' + formatSuffix(format) : m_file->text();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export to"), suggested,
                                                      tr("%1 (*.%2);;All files (*)").arg(formatName(format), formatSuffix(format)));
    if (!path.isEmpty())
        m_file->setText(path);
}

void ExportDialog::startExport()
{
    if (m_running)
        return;
    if (m_file->text().trimmed().isEmpty()) {
        m_status->setText(tr("Choose a file to export to."));
        m_file->setFocus();
        return;
    }
    setRunning(true);
    m_cancel = std::make_shared<CancelToken>(false);
    m_status->setText(tr("Connecting…"));
    if (!m_connection)
        m_connection = new Connection(m_spec.profile, QStringLiteral("export"));
    if (m_connection->state() == Connection::State::Open) {
        runJob();
        return;
    }
    m_connection->open(m_spec.password, [this](const Result<connection::ServerInfo> &opened) {
        if (opened)
            runJob();
        else
            onDone(opened.error());
    });
}

void ExportDialog::runJob()
{
    if (m_cancel->load()) {
        onDone(Error(ErrorKind::Cancelled, tr("Cancelled")));
        return;
    }
    m_timer.start();
    m_status->setText(tr("Exporting…"));
    const ExportOptions opts = options();
    const QString path = m_file->text().trimmed();
    RowSourceFactory factory = m_factory;
    std::shared_ptr<CancelToken> cancel = m_cancel;
    m_connection->run<qint64>(this, [this, opts, path, factory, cancel](connection::JobContext &jc) -> Result<qint64> {
        Result<std::unique_ptr<RowSource>> source = factory(jc.db);
        if (!source)
            return source.error();
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return Error(ErrorKind::Io, tr("Cannot write %1: %2").arg(path, file.errorString()));
        auto progress = [this](const Progress &p) {
            QMetaObject::invokeMethod(this, [this, p] { onProgress(p.rows, p.bytes); }, Qt::QueuedConnection);
        };
        Result<qint64> rows = exportRows(*source.value(), file, opts, progress, cancel.get());
        if (!rows) {
            file.cancelWriting();   // nothing half-written replaces the file
            return rows;
        }
        if (!file.commit())
            return Error(ErrorKind::Io, tr("Cannot write %1: %2").arg(path, file.errorString()));
        return rows;
    }, [this](Result<qint64> result) { onDone(result); });
}

void ExportDialog::onProgress(qint64 rows, qint64 bytes)
{
    if (!m_running)
        return;
    const QLocale locale;
    m_status->setText(tr("%1 rows, %2 written…").arg(locale.toString(rows), locale.formattedDataSize(bytes)));
}

void ExportDialog::onDone(const Result<qint64> &result)
{
    setRunning(false);
    const QLocale locale;
    if (result) {
        const QString message = tr("Exported %1 rows to %2 in %3 s.")
                                    .arg(locale.toString(result.value()), m_file->text())
                                    .arg(m_timer.elapsed() / 1000.0, 0, 'f', 1);
        m_status->setText(message);
        m_progress->setRange(0, 1);
        m_progress->setValue(1);
        Q_EMIT finished(true, result.value(), message);
        return;
    }
    const Error &error = result.error();
    const bool cancelled = error.isCancelled() || (m_cancel && m_cancel->load());
    m_status->setText(cancelled ? tr("Export cancelled; no file was written.")
                                          : tr("Export failed: %1").arg(error.message));
    Q_EMIT finished(false, 0, error.message);
}

void ExportDialog::setRunning(bool running)
{
    m_running = running;
    m_exportButton->setEnabled(!running);
    m_format->setEnabled(!running);
    m_buttons->button(QDialogButtonBox::Close)->setText(running ? tr("&Cancel") : tr("&Close"));
    if (running) {
        m_progress->setRange(0, 0);   // rows arrive as a stream: no total to show
    } else if (m_progress->maximum() == 0) {
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
    }
}

void ExportDialog::reject()
{
    if (m_running) {
        if (m_cancel)
            m_cancel->store(true);
        if (m_connection)
            m_connection->cancel();   // also stops a query still computing its first row
        m_status->setText(tr("Cancelling…"));
        return;
    }
    QDialog::reject();
}

} // namespace strata::ui
