// Answering Qt's own (non-native) file dialog as a person does: type the path into its
// name field and press its accept button.
//
// Pressing Return in the name field is racy: the field's completer reads the folder in a
// background thread and may open its popup at any moment; Return then goes to the popup
// (the dialog stays open, or accepts the popup's choice instead of the typed path). Seen
// in tst_journeymigrations under load. The accept button takes the typed text whatever the
// completer does; an open popup is dismissed first, as a person would with Escape.

#pragma once

#include <QAbstractItemView>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QLineEdit>
#include <QPushButton>
#include <QtTest>

namespace strata::test {

inline bool answerFileDialog(QFileDialog *dialog, const QString &path)
{
    auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
    auto *buttons = dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"));
    if (!name || !buttons)
        return false;
    QPushButton *accept = buttons->button(QDialogButtonBox::Open);
    if (!accept)
        accept = buttons->button(QDialogButtonBox::Save);
    if (!accept)
        return false;
    name->setFocus();
    QTest::keyClick(name, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(name, Qt::Key_Delete);
    QTest::keyClicks(name, path);
    if (name->text() != path)
        return false;
    if (QCompleter *completer = name->completer(); completer && completer->popup()->isVisible())
        QTest::keyClick(completer->popup(), Qt::Key_Escape);
    if (!QTest::qWaitFor([&] { return accept->isEnabled(); }, 5000))
        return false;
    QTest::mouseClick(accept, Qt::LeftButton);
    return true;
}

} // namespace strata::test
