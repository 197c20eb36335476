namespace Yiju.Web.Resources;

/// <summary>Marker for the host's strings: SharedText.resx is Simplified Chinese (the default), SharedText.en.resx English.</summary>
public sealed class SharedText;
