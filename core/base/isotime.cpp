#include "isotime.h"

namespace strata {

namespace {

constexpr qint64 kMsPerDay = 86'400'000;

/// Year, month, day of a count of days since 1970-01-01 (proleptic Gregorian; the
/// era-based algorithm of Howard Hinnant's "chrono-compatible low-level date algorithms").
void civilFromDays(qint64 days, qint64 &year, int &month, int &day)
{
    days += 719'468;
    const qint64 era = (days >= 0 ? days : days - 146'096) / 146'097;
    const qint64 dayOfEra = days - era * 146'097;
    const qint64 yearOfEra = (dayOfEra - dayOfEra / 1'460 + dayOfEra / 36'524 - dayOfEra / 146'096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 monthIndex = (5 * dayOfYear + 2) / 153;   // March = 0
    day = int(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
    month = int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
    year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
}

char *digits(char *p, qint64 value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        p[i] = char('0' + value % 10);
        value /= 10;
    }
    return p + width;
}

} // namespace

void appendIsoUtc(QByteArray &out, const QDateTime &value)
{
    if (!value.isValid())
        return;
    const qint64 ms = value.toMSecsSinceEpoch();
    qint64 days = ms / kMsPerDay;
    qint64 msOfDay = ms % kMsPerDay;
    if (msOfDay < 0) {
        msOfDay += kMsPerDay;
        --days;
    }
    qint64 year = 0;
    int month = 0;
    int day = 0;
    civilFromDays(days, year, month, day);
    if (year < 1 || year > 9999) {
        out.append(value.toUTC().toString(Qt::ISODateWithMs).toLatin1());
        return;
    }
    char text[24];   // yyyy-MM-ddTHH:mm:ss.zzzZ
    char *p = digits(text, year, 4);
    *p++ = '-';
    p = digits(p, month, 2);
    *p++ = '-';
    p = digits(p, day, 2);
    *p++ = 'T';
    p = digits(p, msOfDay / 3'600'000, 2);
    *p++ = ':';
    p = digits(p, msOfDay / 60'000 % 60, 2);
    *p++ = ':';
    p = digits(p, msOfDay / 1'000 % 60, 2);
    *p++ = '.';
    p = digits(p, msOfDay % 1'000, 3);
    *p++ = 'Z';
    out.append(text, p - text);
}

QString isoUtc(const QDateTime &value)
{
    QByteArray text;
    appendIsoUtc(text, value);
    return QString::fromLatin1(text);
}

} // namespace strata
