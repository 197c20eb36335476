using Microsoft.Extensions.Configuration;
using Yiju.Data;

namespace Yiju.UnitTests.Data;

public class DatabaseSettingsTests
{
    private static DatabaseSettings From(params (string Key, string? Value)[] values) =>
        DatabaseSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build(), "/srv/yiju");

    [Fact]
    public void SQLite_is_the_default_under_the_data_folder() =>
        Assert.Equal(new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=/srv/yiju/data/yiju.db;Foreign Keys=True"), From());

    [Fact]
    public void The_data_folder_is_configurable() =>
        Assert.Contains("/var/lib/yiju/yiju.db", From(("Database:DataFolder", "/var/lib/yiju")).ConnectionString, StringComparison.Ordinal);

    [Fact]
    public void Postgres_is_chosen_by_configuration_case_insensitively()
    {
        var settings = From(("Database:Provider", "postgres"), ("ConnectionStrings:Yiju", "Host=db;Database=yiju;Username=yiju"));
        Assert.Equal(DatabaseProvider.Postgres, settings.Provider);
        Assert.Equal("PostgreSQL db:5432/yiju", settings.Describe());
    }

    [Theory]
    [InlineData("2")]
    [InlineData("MySql")]
    public void Unknown_providers_name_the_setting(string provider) =>
        Assert.Contains("Database:Provider", Assert.Throws<DatabaseConfigurationException>(() => From(("Database:Provider", provider))).Message, StringComparison.Ordinal);

    [Fact]
    public void Postgres_statements_are_prepared_automatically_unless_the_connection_string_says_otherwise()
    {
        static int MaxAutoPrepare(string connectionString) =>
            new Npgsql.NpgsqlConnectionStringBuilder(From(("Database:Provider", "Postgres"), ("ConnectionStrings:Yiju", connectionString)).ConnectionString).MaxAutoPrepare;
        Assert.Equal(DatabaseSettings.DefaultMaxAutoPrepare, MaxAutoPrepare("Host=db;Database=yiju;Username=yiju"));
        Assert.Equal(0, MaxAutoPrepare("Host=db;Database=yiju;Username=yiju;Max Auto Prepare=0"));
        Assert.Equal(7, MaxAutoPrepare("Host=db;Database=yiju;Username=yiju;maxautoprepare=7"));
    }
}
