// Answering Qt's own (non-native) file dialog as a person does: type the path into its
// name field and press its accept button.
//
// Pressing Return in the name field is racy: the field's completer reads the folder in a
// background thread and may open its popup at any moment; Return then goes to the popup
// (the dialog stays open, or accepts the popup's choice instead of the typed path). Seen
// in tst_journeymigrations under load. The accept button takes the typed text whatever the
// completer does; an open popup is dismissed first, as a person would with Escape. The
// dialog enables its button once its file system model has looked at the folder, which
// takes a while on a loaded machine: waited for, with the reason when it never comes.

#pragma once

#include <QAbstractItemView>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QLineEdit>
#include <QPushButton>
#include <QtTest>

namespace strata::test {

/// Empty when the dialog was answered, else why not.
inline QString answerFileDialog(QFileDialog *dialog, const QString &path)
{
    if (!dialog)
        return QStringLiteral("no file dialog");
    auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
    auto *buttons = dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"));
    if (!name || !buttons)
        return QStringLiteral("no name field or button box in the file dialog");
    QPushButton *accept = buttons->button(QDialogButtonBox::Open);
    if (!accept)
        accept = buttons->button(QDialogButtonBox::Save);
    if (!accept)
        return QStringLiteral("no accept button in the file dialog");
    const auto dismissPopup = [name] {
        if (QCompleter *completer = name->completer(); completer && completer->popup()->isVisible())
            QTest::keyClick(completer->popup(), Qt::Key_Escape);
    };
    for (int attempt = 0; attempt < 3 && name->text() != path; ++attempt) {
        dismissPopup();
        name->setFocus();
        QTest::keyClick(name, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(name, Qt::Key_Delete);
        QTest::keyClicks(name, path);
    }
    if (name->text() != path)
        return QStringLiteral("the name field holds \"%1\" after typing \"%2\"").arg(name->text(), path);
    dismissPopup();
    if (!QTest::qWaitFor([&] { return accept->isEnabled(); }, 30000))
        return QStringLiteral("the \"%1\" button stayed disabled for \"%2\"").arg(accept->text(), path);
    QTest::mouseClick(accept, Qt::LeftButton);
    return {};
}

} // namespace strata::test
