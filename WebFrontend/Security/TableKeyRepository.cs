using System.Xml.Linq;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace OrleansChat.Web.Security;

/// <summary>
/// The frontends' shared cookie key ring: every Data Protection key is one row of an Azure table, so a page whose cookie
/// was issued by one frontend is accepted by every other (multi-host, rolling restarts). Keys are only ever added.
/// </summary>
internal sealed class TableKeyRepository(TableClient table) : IXmlRepository
{
    private const string Partition = "keys";
    private int _created;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureTable();
        return [.. table.Query<TableEntity>(e => e.PartitionKey == Partition).Select(e => XElement.Parse(e.GetString("Xml")))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        EnsureTable();
        var row = new TableEntity(Partition, friendlyName) { ["Xml"] = element.ToString(SaveOptions.DisableFormatting) };
        try
        {
            table.AddEntity(row);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Key names are new GUIDs: a conflict means this very key is stored already.
        }
    }

    private void EnsureTable()
    {
        if (Interlocked.CompareExchange(ref _created, 1, 0) == 0)
        {
            table.CreateIfNotExists();
        }
    }
}
