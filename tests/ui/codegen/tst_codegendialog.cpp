// The tree's "Generate C++ mapping…" dialog: reads a real SQLite table through a Connection
// (the catalog job on its worker), shows the generated code read-only, copies it.

#include "codegen/codegendialog.h"

#include "connection/connection.h"
#include "connection/connectionstring.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QApplication>
#include <QClipboard>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace strata;

class TestCodegenDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void generatesFromALiveTable()
    {
        const QString path = test::tempPath(QStringLiteral("codegen-dialog.db"));
        QFile::remove(path);
        {
            QSqlDatabase db = test::openTestDatabase(path);
            QCOMPARE(test::execAll(db, {QStringLiteral("CREATE TABLE artists (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE)"),
                                        QStringLiteral("CREATE TABLE \"album tracks\" (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                                                       "artist INTEGER REFERENCES artists ON DELETE CASCADE, title TEXT NOT NULL, "
                                                       "\"length (s)\" REAL CHECK (\"length (s)\" > 0), released DATE, "
                                                       "added TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)"),
                                        QStringLiteral("CREATE INDEX ix_tracks_title ON \"album tracks\" (title)")}),
                     QString());
            test::closeTestDatabase(db);
        }
        auto spec = connection::parseConnectionString(path);
        connection::Connection conn(spec->profile, QStringLiteral("codegen-test"));
        QSignalSpy opened(&conn, &connection::Connection::stateChanged);
        conn.open();
        QTRY_COMPARE(conn.state(), connection::Connection::State::Open);

        ui::CodegenDialog dialog(&conn, QStringLiteral("main"), QStringLiteral("album tracks"));
        QSignalSpy ready(&dialog, &ui::CodegenDialog::ready);
        dialog.show();
        QTRY_COMPARE(ready.size(), 1);
        QCOMPARE(ready.first().first().toBool(), true);
        const QString code = dialog.code();
        QVERIFY(code.contains(QStringLiteral("struct AlbumTracks {")));
        QVERIFY(code.contains(QStringLiteral(".column(&AlbumTracks::lengthS, \"length (s)\")")));
        // The implied referenced column was read from the parent table.
        QVERIFY(code.contains(QStringLiteral(".foreignKey({\"artist\"}, \"artists\", {\"id\"}, OnAction::Cascade")));
        auto *text = dialog.findChild<QPlainTextEdit *>(QStringLiteral("codegenText"));
        QVERIFY(text && text->isReadOnly());
        for (QPushButton *b : dialog.findChildren<QPushButton *>()) {
            if (b->text() == QStringLiteral("&Copy"))
                b->click();
        }
        QCOMPARE(QApplication::clipboard()->text(), code);
        const QString shots = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
        if (!shots.isEmpty())
            QVERIFY(dialog.grab().save(shots + QStringLiteral("/codegen.png")));
    }
};

STRATA_TEST_MAIN_GUI(TestCodegenDialog)
#include "tst_codegendialog.moc"
