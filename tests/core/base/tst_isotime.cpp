// appendIsoUtc / isoUtc give exactly the text of toUTC().toString(Qt::ISODateWithMs), for
// instants across the calendar (leap days, centuries, before 1970, the ends of years 1-9999)
// and for values in UTC, local time and at an offset.

#include "base/isotime.h"

#include "support/testenvironment.h"

#include <QRandomGenerator>
#include <QTimeZone>
#include <QtTest>

using namespace strata;

class TestIsoTime : public QObject {
    Q_OBJECT

    static QString qt(const QDateTime &v) { return v.toUTC().toString(Qt::ISODateWithMs); }

private Q_SLOTS:
    void knownInstants_data()
    {
        QTest::addColumn<QDateTime>("value");
        QTest::addColumn<QString>("expected");
        const auto utc = [](int y, int m, int d, int h, int mi, int s, int ms) {
            return QDateTime(QDate(y, m, d), QTime(h, mi, s, ms), Qt::UTC);
        };
        QTest::newRow("epoch") << utc(1970, 1, 1, 0, 0, 0, 0) << QStringLiteral("1970-01-01T00:00:00.000Z");
        QTest::newRow("before epoch") << utc(1969, 12, 31, 23, 59, 59, 999) << QStringLiteral("1969-12-31T23:59:59.999Z");
        QTest::newRow("leap day 2000") << utc(2000, 2, 29, 12, 30, 45, 7) << QStringLiteral("2000-02-29T12:30:45.007Z");
        QTest::newRow("not leap 1900") << utc(1900, 3, 1, 0, 0, 0, 1) << QStringLiteral("1900-03-01T00:00:00.001Z");
        QTest::newRow("year 1") << utc(1, 1, 1, 0, 0, 0, 0) << QStringLiteral("0001-01-01T00:00:00.000Z");
        QTest::newRow("year 9999") << utc(9999, 12, 31, 23, 59, 59, 999) << QStringLiteral("9999-12-31T23:59:59.999Z");
        QTest::newRow("offset +05:30") << QDateTime(QDate(2024, 1, 1), QTime(3, 0), QTimeZone(5 * 3600 + 1800))
                                       << QStringLiteral("2023-12-31T21:30:00.000Z");
    }

    void knownInstants()
    {
        QFETCH(QDateTime, value);
        QFETCH(QString, expected);
        QCOMPARE(isoUtc(value), expected);
        QCOMPARE(qt(value), expected);
    }

    void sameAsQtAcrossTheCalendar()
    {
        // Random instants over years 1-9999, in UTC, local time and at an offset.
        QRandomGenerator random(20261121);
        const qint64 first = QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        const qint64 last = QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC).toMSecsSinceEpoch();
        for (int i = 0; i < 20000; ++i) {
            const qint64 ms = first + qint64(random.bounded(quint64(last - first)));
            const QDateTime utc = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
            QCOMPARE(isoUtc(utc), qt(utc));
            const QDateTime offset = utc.toOffsetFromUtc(-(7 * 3600 + 15 * 60));
            QCOMPARE(isoUtc(offset), qt(offset));
            if (i % 20 == 0 && ms > 0) {   // local time: the zone database is slow, a sample is enough
                const QDateTime local = utc.toLocalTime();
                QCOMPARE(isoUtc(local), qt(local));
            }
        }
    }

    void appendsAndLeavesOtherValuesToQt()
    {
        QByteArray out("x=");
        appendIsoUtc(out, QDateTime(QDate(2024, 5, 6), QTime(7, 8, 9, 10), Qt::UTC));
        QCOMPARE(out, QByteArray("x=2024-05-06T07:08:09.010Z"));
        QCOMPARE(isoUtc(QDateTime()), QString());   // invalid: no text, as Qt
        const QDateTime far(QDate(12000, 1, 1), QTime(0, 0), Qt::UTC);
        QCOMPARE(isoUtc(far), qt(far));
        const QDateTime bc(QDate(-44, 3, 15), QTime(12, 0), Qt::UTC);
        QCOMPARE(isoUtc(bc), qt(bc));
    }
};

STRATA_TEST_MAIN(TestIsoTime)
#include "tst_isotime.moc"
