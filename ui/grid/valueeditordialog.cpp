#include "valueeditordialog.h"

#include "data/jsontext.h"
#include "data/tablemodel.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QImage>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace strata::ui {

using data::ValueType;

ValueEditorDialog::ValueEditorDialog(ValueType type, const QString &columnName, const QVariant &value, bool readOnly,
                                     QWidget *parent)
    : QDialog(parent)
    , m_type(type)
    , m_edit(new QPlainTextEdit(this))
    , m_info(new QLabel(this))
    , m_preview(new QLabel(this))
{
    setWindowTitle(tr("Edit %1").arg(columnName));
    resize(640, 440);
    m_edit->setReadOnly(readOnly);
    if (type == ValueType::Json || type == ValueType::Bytes)
        m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_null = data::isSqlNull(value);
    if (type == ValueType::Bytes)
        m_edit->setPlainText(QString::fromLatin1(value.toByteArray().toHex(' ')));
    else
        m_edit->setPlainText(value.toString());
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setVisible(false);

    auto *tools = new QHBoxLayout;
    if (type == ValueType::Json) {
        auto *pretty = new QPushButton(tr("&Format"), this);
        connect(pretty, &QPushButton::clicked, this, &ValueEditorDialog::prettyPrint);
        pretty->setEnabled(!readOnly);
        tools->addWidget(pretty);
    }
    if (type == ValueType::Bytes) {
        auto *load = new QPushButton(tr("&Load file…"), this);
        auto *save = new QPushButton(tr("&Save to file…"), this);
        load->setEnabled(!readOnly);
        connect(load, &QPushButton::clicked, this, &ValueEditorDialog::loadFile);
        connect(save, &QPushButton::clicked, this, &ValueEditorDialog::saveFile);
        tools->addWidget(load);
        tools->addWidget(save);
    }
    tools->addWidget(m_info, 1);

    auto *buttons = new QDialogButtonBox(readOnly ? QDialogButtonBox::Close : QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    if (!readOnly) {
        m_ok = buttons->button(QDialogButtonBox::Ok);
        QPushButton *setNull = buttons->addButton(tr("Set &NULL"), QDialogButtonBox::ResetRole);
        connect(setNull, &QPushButton::clicked, this, [this] {
            m_null = true;
            accept();
        });
    }
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        m_null = false;
        validate();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_preview);
    layout->addLayout(tools);
    layout->addWidget(buttons);
    if (type == ValueType::Json && !m_null)
        prettyPrint();
    m_null = data::isSqlNull(value);
    m_original = value;
    m_initialText = m_edit->toPlainText();
    validate();
}

QByteArray ValueEditorDialog::bytes() const
{
    QString hex = m_edit->toPlainText();
    hex.remove(QRegularExpression(QStringLiteral("\\s")));
    return QByteArray::fromHex(hex.toLatin1());
}

void ValueEditorDialog::validate()
{
    bool ok = true;
    if (m_type == ValueType::Json) {
        QJsonParseError error;
        const QByteArray text = m_edit->toPlainText().toUtf8();
        QJsonDocument::fromJson(text, &error);
        if (error.error != QJsonParseError::NoError)
            QJsonDocument::fromJson(QByteArray("[") + text + QByteArray("]"), &error);
        ok = error.error == QJsonParseError::NoError;
        m_info->setText(ok ? tr("Valid JSON") : tr("Invalid JSON: %1").arg(error.errorString()));
    } else if (m_type == ValueType::Bytes) {
        QString hex = m_edit->toPlainText();
        hex.remove(QRegularExpression(QStringLiteral("\\s")));
        ok = data::isHexText(hex);
        const QByteArray content = bytes();
        m_info->setText(ok ? tr("%n byte(s)", nullptr, int(content.size())) : tr("Not hexadecimal"));
        const QImage image = QImage::fromData(content);
        m_preview->setVisible(!image.isNull());
        if (!image.isNull())
            m_preview->setPixmap(QPixmap::fromImage(image.scaled(320, 160, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
    } else {
        m_info->setText(m_null ? tr("NULL") : tr("%n character(s)", nullptr, int(m_edit->toPlainText().size())));
    }
    if (m_ok)
        m_ok->setEnabled(ok);
}

void ValueEditorDialog::prettyPrint()
{
    // Whitespace only: keys keep their order and numbers their digits (data/jsontext.h).
    m_edit->setPlainText(data::indentedJson(m_edit->toPlainText()));
}

void ValueEditorDialog::loadFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load file"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_info->setText(file.errorString());
        return;
    }
    m_edit->setPlainText(QString::fromLatin1(file.readAll().toHex(' ')));
}

void ValueEditorDialog::saveFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save to file"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes()) < 0)
        m_info->setText(file.errorString());
}

QVariant ValueEditorDialog::value() const
{
    if (m_null)
        return {};
    if (!data::isSqlNull(m_original) && m_edit->toPlainText() == m_initialText)
        return m_original;   // untouched: not even reformatted
    if (m_type == ValueType::Bytes)
        return bytes();
    if (m_type == ValueType::Json)
        return data::compactJson(m_edit->toPlainText());   // stored compact; keys, order, digits as typed
    const QString text = m_edit->toPlainText();
    return text.isEmpty() ? QVariant(QString(QStringLiteral(""))) : QVariant(text);
}

ValueEditorDialog *ValueEditorDialog::forCell(const data::TableModel &model, const QModelIndex &index, QWidget *parent)
{
    const data::ColumnMeta &meta = model.tableInfo().columns.at(index.column());
    ValueType type = meta.type;
    QVariant value = index.data(Qt::EditRole);
    if (type != ValueType::Json && (type != ValueType::Bytes || value.metaType().id() != QMetaType::QByteArray)) {
        // Everything else is edited as the text a person would type for it.
        type = ValueType::Text;
        if (!data::isSqlNull(value))
            value = data::rawToText(model.tableInfo().dialect, meta.type, index.data(data::TableModel::RawRole));
    }
    const bool editable = bool(model.flags(index) & Qt::ItemIsEditable);
    return new ValueEditorDialog(type, meta.name, value, !editable, parent);
}

bool ValueEditorDialog::applyTo(data::TableModel &model, const QModelIndex &index) const
{
    if (!(model.flags(index) & Qt::ItemIsEditable))
        return false;
    const QVariant edited = value();
    return data::isSqlNull(edited) ? model.setNull(index) : model.setData(index, edited);
}

} // namespace strata::ui
