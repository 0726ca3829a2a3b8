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
//
// Typing a whole absolute path is racy too: at every keystroke the dialog selects, in its
// list, the entry the text names so far ("/tmp", "/tmp/strata-test-…"), and it clears the
// previous one only while the name field has keyboard focus, which an offscreen window on
// a loaded machine may not have. The stale selection then wins over the typed text and the
// Save button stayed disabled (seen in CI). So the helper goes to the folder first, as a
// person does from the sidebar or the path box, and types only the name there, again if
// the field lost it.

#pragma once

#include <QAbstractItemView>
#include <QCompleter>
#include <QDir>
#include <QFileInfo>
#include <QFileSystemModel>
#include <QListView>
#include <QSignalSpy>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QLineEdit>
#include <QPushButton>
#include <QtTest>

#include <optional>

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
    // Fails with the reason and closes the dialog, so the test goes on to report it
    // instead of waiting on a dialog nobody answers.
    const auto fail = [dialog](const QString &why) {
        dialog->reject();
        return why;
    };
    const QFileInfo target(path);
    // The dialog reads the folder in a background thread; when that read lands after the
    // name was typed, the dialog selects in its list what the name matched so far (the
    // folder itself), and that selection, not the typed name, is what it would take: Save
    // stayed disabled (seen under load). So the folder is read before the name is typed.
    auto *files = dialog->findChild<QFileSystemModel *>();
    std::optional<QSignalSpy> loaded;
    if (files)
        loaded.emplace(files, &QFileSystemModel::directoryLoaded);
    dialog->setDirectory(target.absolutePath());
    if (loaded) {
        // No signal comes when the folder was read before: then the wait just ends.
        const bool read = QTest::qWaitFor([&] { return !loaded->isEmpty(); }, 10000);
        Q_UNUSED(read);
    }
    if (QDir(dialog->directory()).canonicalPath() != QDir(target.absolutePath()).canonicalPath())
        return fail(QStringLiteral("the file dialog did not go to \"%1\"").arg(target.absolutePath()));
    const QString typed = target.fileName();
    const auto type = [&] {
        for (int attempt = 0; attempt < 3 && name->text() != typed; ++attempt) {
            dismissPopup();
            name->setFocus();
            QTest::keyClick(name, Qt::Key_A, Qt::ControlModifier);
            QTest::keyClick(name, Qt::Key_Delete);
            QTest::keyClicks(name, typed);
        }
        dismissPopup();
    };
    // Should the list still hold a selection that is not the typed name, a click on the
    // list's empty space clears it, as it would for a person, and the name is retyped.
    const auto clearStaleSelection = [&] {
        auto *list = dialog->findChild<QListView *>(QStringLiteral("listView"));
        if (!list || !list->selectionModel()->hasSelection())
            return;
        list->selectionModel()->clearSelection();
        QTest::keyClick(name, Qt::Key_End);
        QTest::keyClick(name, Qt::Key_Backspace);
        QTest::keyClicks(name, typed.right(1));
    };
    // The name field can lose what was typed while the dialog settles (seen in the full
    // suite under load: empty again by the time the button was looked at): typed again
    // until the name stays and the button takes it.
    const bool ready = QTest::qWaitFor(
        [&] {
            if (name->text() != typed)
                type();
            if (name->text() == typed && !accept->isEnabled())
                clearStaleSelection();
            return name->text() == typed && accept->isEnabled();
        },
        30000);
    if (!ready)
        return fail(QStringLiteral("the \"%1\" button stayed disabled for \"%2\" (the name field holds \"%3\"; the dialog "
                                   "would take %4)")
                        .arg(accept->text(), path, name->text(), dialog->selectedFiles().join(QStringLiteral(", "))));
    QTest::mouseClick(accept, Qt::LeftButton);
    return {};
}

} // namespace strata::test
