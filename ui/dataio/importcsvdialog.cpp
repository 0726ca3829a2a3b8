#include "importcsvdialog.h"

#include "catalog/catalogjobs.h"
#include "connection/connection.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemModel>
#include <QKeyEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace strata::ui {

using namespace data::io;
using connection::Connection;

namespace {

constexpr int kPreviewRecords = 200;

QString oneLine(const QString &text)
{
    QString shown = text;
    shown.replace(QStringLiteral("\r\n"), QStringLiteral("⏎"));
    shown.replace(u'\n', QStringLiteral("⏎"));
    shown.replace(u'\r', QStringLiteral("⏎"));
    return shown;
}

} // namespace

ImportCsvDialog::ImportCsvDialog(connection::ConnectionSpec spec, const QString &schema, const QString &table,
                                 QWidget *parent)
    : QDialog(parent)
    , m_spec(std::move(spec))
    , m_schema(schema)
{
    setWindowTitle(tr("Import CSV"));
    setObjectName(QStringLiteral("ImportCsvDialog"));
    buildUi();
    m_tableName->setText(table);
    (table.isEmpty() ? m_newTable : m_existing)->setChecked(true);
    if (!table.isEmpty())
        loadTargetColumns();
}

ImportCsvDialog::~ImportCsvDialog()
{
    if (m_cancel)
        m_cancel->store(true);
    delete m_connection;   // joins the worker before members go: jobs post to this object
}

void ImportCsvDialog::buildUi()
{
    m_file = new QLineEdit(this);
    m_file->setObjectName(QStringLiteral("csvFile"));
    m_file->setPlaceholderText(tr("Type a path or choose a CSV file…"));
    m_file->setClearButtonEnabled(true);
    auto *files = new QFileSystemModel(m_file);   // lists folders on its own thread
    files->setRootPath(QString());
    files->setFilter(QDir::AllDirs | QDir::Files | QDir::NoDotAndDotDot);
    auto *completer = new QCompleter(files, m_file);
    completer->setCaseSensitivity(Qt::CaseSensitive);
    m_file->setCompleter(completer);
    m_file->installEventFilter(this);
    m_typedPathTimer = new QTimer(this);
    m_typedPathTimer->setSingleShot(true);
    m_typedPathTimer->setInterval(300);
    connect(m_typedPathTimer, &QTimer::timeout, this, [this] { takeTypedPath(false); });
    connect(m_file, &QLineEdit::textEdited, m_typedPathTimer, qOverload<>(&QTimer::start));
    // A completion chosen from the list sets the text without textEdited.
    connect(completer, qOverload<const QString &>(&QCompleter::activated), m_typedPathTimer, qOverload<>(&QTimer::start));
    auto *browse = new QToolButton(this);
    browse->setText(tr("Browse…"));
    connect(browse, &QToolButton::clicked, this, &ImportCsvDialog::browse);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(new QLabel(tr("File:"), this));
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);

    m_preview = new QTableWidget(this);
    m_preview->setObjectName(QStringLiteral("csvPreview"));
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->verticalHeader()->setDefaultSectionSize(m_preview->fontMetrics().height() + 6);
    m_mapping = new QTableWidget(0, 3, this);
    m_mapping->setObjectName(QStringLiteral("columnMapping"));
    m_mapping->setHorizontalHeaderLabels({tr("CSV column"), tr("Table column"), tr("Type")});
    m_mapping->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_mapping->verticalHeader()->hide();

    auto *previewBox = new QGroupBox(tr("Preview"), this);
    auto *previewLayout = new QVBoxLayout(previewBox);
    previewLayout->addWidget(buildOptionsRow());
    previewLayout->addWidget(m_preview);
    auto *targetBox = new QGroupBox(tr("Target"), this);
    auto *targetLayout = new QVBoxLayout(targetBox);
    targetLayout->addWidget(buildTargetRow());
    targetLayout->addWidget(m_mapping);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(previewBox);
    splitter->addWidget(targetBox);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_importButton = m_buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_importButton->setEnabled(false);
    connect(m_importButton, &QPushButton::clicked, this, &ImportCsvDialog::startImport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ImportCsvDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(fileRow);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    resize(860, 680);
}

QWidget *ImportCsvDialog::buildOptionsRow()
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    m_delimiter = new QComboBox(row);
    m_delimiter->addItem(tr(", comma"), QStringLiteral(","));
    m_delimiter->addItem(tr("; semicolon"), QStringLiteral(";"));
    m_delimiter->addItem(tr("Tab"), QStringLiteral("\t"));
    m_delimiter->addItem(tr("| pipe"), QStringLiteral("|"));
    m_quote = new QComboBox(row);
    m_quote->addItem(tr("\" double"), QStringLiteral("\""));
    m_quote->addItem(tr("' single"), QStringLiteral("'"));
    m_encoding = new QComboBox(row);
    m_encoding->addItem(tr("UTF-8"), static_cast<int>(TextEncoding::Utf8));
    m_encoding->addItem(tr("Latin-1"), static_cast<int>(TextEncoding::Latin1));
    m_nullText = new QLineEdit(row);
    m_nullText->setPlaceholderText(tr("empty"));
    m_nullText->setMaximumWidth(90);
    m_header = new QCheckBox(tr("First row is a header"), row);
    layout->addWidget(new QLabel(tr("Delimiter:"), row));
    layout->addWidget(m_delimiter);
    layout->addWidget(new QLabel(tr("Quote:"), row));
    layout->addWidget(m_quote);
    layout->addWidget(new QLabel(tr("Encoding:"), row));
    layout->addWidget(m_encoding);
    layout->addWidget(new QLabel(tr("NULL is:"), row));
    layout->addWidget(m_nullText);
    layout->addWidget(m_header);
    layout->addStretch(1);
    for (QComboBox *combo : {m_delimiter, m_quote, m_encoding})
        connect(combo, &QComboBox::currentIndexChanged, this, &ImportCsvDialog::reloadPreview);
    connect(m_nullText, &QLineEdit::editingFinished, this, &ImportCsvDialog::reloadPreview);
    connect(m_header, &QCheckBox::toggled, this, [this] {
        fillPreview();
        fillMapping();
    });
    return row;
}

QWidget *ImportCsvDialog::buildTargetRow()
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    m_newTable = new QRadioButton(tr("New table"), row);
    m_existing = new QRadioButton(tr("Existing table"), row);
    auto *group = new QButtonGroup(row);
    group->addButton(m_newTable);
    group->addButton(m_existing);
    m_tableName = new QLineEdit(row);
    m_tableName->setPlaceholderText(tr("table name"));
    layout->addWidget(m_newTable);
    layout->addWidget(m_existing);
    layout->addWidget(new QLabel(tr("Name:"), row));
    layout->addWidget(m_tableName, 1);
    connect(m_existing, &QRadioButton::toggled, this, [this](bool existing) {
        if (existing)
            loadTargetColumns();
        else
            fillMapping();
    });
    connect(m_tableName, &QLineEdit::editingFinished, this, [this] {
        if (m_existing->isChecked())
            loadTargetColumns();
    });
    return row;
}

void ImportCsvDialog::browse()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import CSV"), m_path,
                                                      tr("CSV files (*.csv *.tsv *.txt);;All files (*)"));
    if (!path.isEmpty())
        setFilePath(path);
}

bool ImportCsvDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_file && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            // Load (or say why not) instead of letting the dialog press its default button.
            takeTypedPath(true);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void ImportCsvDialog::takeTypedPath(bool explicitRequest)
{
    m_typedPathTimer->stop();
    if (m_running)
        return;   // the import reads the file it started with
    const QString typed = m_file->text().trimmed();
    const QString path = QDir::fromNativeSeparators(QDir::cleanPath(QDir::fromNativeSeparators(typed)));
    if (!typed.isEmpty() && QFileInfo(path).isFile()) {
        if (path != m_path || explicitRequest)
            loadFile(path);
        return;
    }
    // Not a file (yet): no preview of an older file stays behind to be imported by mistake.
    m_path.clear();
    m_previewData = CsvPreview();
    fillPreview();
    fillMapping();
    if (typed.isEmpty())
        m_status->clear();
    else if (QFileInfo(path).isDir())
        m_status->setText(tr("%1 is a folder: type or choose a file in it.").arg(typed));
    else
        m_status->setText(tr("There is no file %1.").arg(typed));
}

void ImportCsvDialog::setFilePath(const QString &path)
{
    m_file->setText(QDir::toNativeSeparators(path));
    loadFile(path);
}

void ImportCsvDialog::loadFile(const QString &path)
{
    m_path = path;
    // Guess the delimiter from the suffix; the user can change it.
    if (path.endsWith(QLatin1String(".tsv"), Qt::CaseInsensitive))
        m_delimiter->setCurrentIndex(m_delimiter->findData(QStringLiteral("\t")));
    if (m_newTable->isChecked() && m_tableName->text().isEmpty())
        m_tableName->setText(QFileInfo(path).completeBaseName());
    reloadPreview();
    m_header->setChecked(m_previewData.detectedHeader);
    fillPreview();
    fillMapping();
}

CsvOptions ImportCsvDialog::csvOptions() const
{
    CsvOptions o;
    o.delimiter = m_delimiter->currentData().toString().at(0);
    o.quote = m_quote->currentData().toString().at(0);
    o.encoding = static_cast<TextEncoding>(m_encoding->currentData().toInt());
    o.nullText = m_nullText->text();
    o.header = m_header->isChecked();
    return o;
}

void ImportCsvDialog::reloadPreview()
{
    m_previewData = CsvPreview();
    if (m_path.isEmpty())
        return;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_status->setText(tr("Cannot read %1: %2").arg(m_path, file.errorString()));
    } else {
        Result<CsvPreview> preview = readCsvPreview(file, csvOptions(), kPreviewRecords);
        if (preview) {
            m_previewData = preview.value();
            const int rows = static_cast<int>(m_previewData.dataRecords(m_previewData.detectedHeader).size());
            m_status->setText(m_previewData.complete ? tr("%n row(s) to import.", nullptr, rows)
                                                     : tr("Showing the first %1 rows.").arg(rows));
        } else {
            m_status->setText(tr("This file cannot be imported as it is: %1").arg(preview.error().message));
        }
    }
    fillPreview();
    fillMapping();
}

void ImportCsvDialog::fillPreview()
{
    const bool header = m_header->isChecked();
    const QStringList names = m_previewData.columnNames(header);
    const QList<CsvRecord> records = m_previewData.dataRecords(header);
    m_preview->clear();
    m_preview->setColumnCount(static_cast<int>(names.size()));
    m_preview->setRowCount(static_cast<int>(records.size()));
    m_preview->setHorizontalHeaderLabels(names);
    QFont nullFont = m_preview->font();
    nullFont.setItalic(true);
    for (int r = 0; r < records.size(); ++r) {
        const CsvRecord &record = records.at(r);
        for (int c = 0; c < record.fields.size(); ++c) {
            auto *item = new QTableWidgetItem;
            if (record.isNull(c)) {
                item->setText(QStringLiteral("NULL"));
                item->setFont(nullFont);
                item->setForeground(m_preview->palette().color(QPalette::Disabled, QPalette::Text));
            } else {
                item->setText(oneLine(record.fields.at(c)));
                item->setToolTip(record.fields.at(c));
            }
            m_preview->setItem(r, c, item);
        }
    }
    m_preview->resizeColumnsToContents();
    for (int c = 0; c < m_preview->columnCount(); ++c)
        m_preview->setColumnWidth(c, qMin(m_preview->columnWidth(c), 260));
    m_importButton->setEnabled(!m_running && !m_previewData.records.isEmpty());
}

} // namespace strata::ui
