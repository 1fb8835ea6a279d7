using System.Globalization;

namespace SimulatedStore;

/// <summary>Makes up a day of trade in the export format, with the quirks real exports have.</summary>
internal static class RetailGenerator
{
    private static readonly (string Code, string Description, decimal Price)[] Products =
    [
        ("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 2.55m),
        ("71053", "WHITE METAL LANTERN", 3.39m),
        ("84406B", "CREAM CUPID HEARTS COAT HANGER", 2.75m),
        ("22752", "SET 7 BABUSHKA NESTING BOXES", 7.65m),
        ("21730", "GLASS STAR FROSTED T-LIGHT HOLDER ", 4.25m),
        ("22633", "HAND WARMER UNION JACK", 1.85m),
        ("84879", "ASSORTED COLOUR BIRD ORNAMENT", 1.69m),
        ("22745", "POPPY'S PLAYHOUSE BEDROOM ", 2.10m),
        ("21777", "RECIPE BOX WITH METAL HEART", 7.95m),
        ("48187", "DOORMAT NEW ENGLAND", 7.95m),
        ("22960", "JAM MAKING SET WITH JARS", 4.25m),
        ("84029E", "RED WOOLLY HOTTIE WHITE HEART.", 3.39m),
        ("22086", "PAPER CHAIN KIT 50'S CHRISTMAS ", 2.95m),
        ("21754", "HOME BUILDING BLOCK WORD", 5.95m),
        ("21523", "DOORMAT FANCY FONT HOME, SWEET HOME", 7.95m),
    ];

    private static readonly string[] Countries = ["United Kingdom", "United Kingdom", "United Kingdom", "France", "EIRE", "Germany"];

    public static List<string[]> Rows(int invoices, int seed)
    {
        var random = new Random(seed);
        var rows = new List<string[]>();
        var at = new DateTime(2010, 12, 8, 8, 30, 0, DateTimeKind.Unspecified);
        for (var n = 0; n < invoices; n++)
        {
            at = at.AddMinutes(random.Next(1, 9));
            var cancellation = n % 9 == 8;
            var number = (cancellation ? "C" : string.Empty) + (581000 + n).ToString(CultureInfo.InvariantCulture);
            var customer = n % 4 == 3 ? string.Empty : (12400 + random.Next(0, 300)).ToString(CultureInfo.InvariantCulture);
            var country = Countries[random.Next(Countries.Length)];
            var date = at.ToString(@"M\/d\/yy H:mm", CultureInfo.InvariantCulture);
            var lines = cancellation ? 1 : random.Next(1, 7);
            for (var l = 0; l < lines; l++)
            {
                var product = Products[random.Next(Products.Length)];
                var quantity = random.Next(1, 25) * (cancellation ? -1 : 1);
                rows.Add(Row(number, product.Code, product.Description, quantity, date, product.Price, customer, country));
            }

            // The quirks: postage booked to a GL account, a line repeated exactly, a free sample.
            if (cancellation)
            {
                continue;
            }

            if (n % 7 == 2)
            {
                rows.Add(Row(number, "POST", "POSTAGE", 1, date, 18.00m, customer, country));
            }

            if (n % 11 == 5)
            {
                rows.Add([.. rows[^1]]);
            }

            if (n % 13 == 6)
            {
                rows.Add(Row(number, "22139", "RETROSPOT TEA SET CERAMIC 11 PC ", 1, date, 0m, customer, country));
            }
        }

        return rows;
    }

    private static string[] Row(
        string number, string code, string description, int quantity, string date, decimal price, string customer, string country) =>
        [
            number, code, description, quantity.ToString(CultureInfo.InvariantCulture), date,
            price.ToString(CultureInfo.InvariantCulture), customer, country,
        ];
}
